/** An error from the API, carrying its stable code (GraphQL extensions.code). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The input field at fault and the limit it broke, when the server names them (GraphQL extensions). */
    readonly details: ErrorDetails = {},
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

export interface ErrorDetails {
  field?: string;
  min?: number;
  max?: number;
  /** NOT_MATURE: the ISO time from which the write can be sent (the client's own, never the server's). */
  availableAt?: string;
}

/** The details of an error's GraphQL extensions, numbers and names only. */
export function errorDetails(extensions: Record<string, unknown> | undefined): ErrorDetails {
  const out: ErrorDetails = {};
  if (typeof extensions?.field === 'string') out.field = extensions.field;
  if (typeof extensions?.min === 'number') out.min = extensions.min;
  if (typeof extensions?.max === 'number') out.max = extensions.max;
  return out;
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
