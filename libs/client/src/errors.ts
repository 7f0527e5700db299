/** An error from the API, carrying its stable code (GraphQL extensions.code). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /**
     * RFC 9577 §2.1: the `WWW-Authenticate: PrivateToken challenge=…, token-key=…` value of a write refused for
     * want of a (valid) token (GraphQL extensions.wwwAuthenticate): what to pay with.
     */
    readonly challenge?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** i18n key for an error code; unknown codes fall back to a generic message. */
export function errorKey(err: unknown): string {
  const code =
    err instanceof ApiError
      ? err.code
      : err instanceof Error && 'code' in err
        ? String((err as { code: unknown }).code)
        : 'UNKNOWN';
  return `errors.${code}`;
}
