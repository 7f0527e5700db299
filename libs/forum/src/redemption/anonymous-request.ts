import { ARC_PRESENTATION_LIMIT, ArcToken, isArcError, parseArcAuthorization } from '@unlinked/arc';
import { base64urlDecode, isPrivacyPassError, parseAuthorization, Token } from '@unlinked/privacy-pass';
import { ForumError, ForumErrorCode } from '../forum.errors.js';

/** The slice of the HTTP request an anonymous write looks at. */
export interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
  /** Node's request: `rawHeaders` keeps every instance of a header, where `headers` keeps only the first Authorization. */
  raw?: { rawHeaders?: readonly string[] };
}

/** Every instance of a header, in order (Node drops repeated Authorization headers from `headers`). */
function headerValues(req: RequestHeaders | undefined, name: string): string[] {
  const raw = req?.raw?.rawHeaders;
  if (raw) {
    const values: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === name) values.push(raw[i + 1]);
    return values;
  }
  const value = req?.headers?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function header(req: RequestHeaders | undefined, name: string): string | undefined {
  const values = headerValues(req, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * Privacy rule 4: an anonymous write carrying a session credential is refused,
 * so no client can tie a post to its account by accident. Any bearer
 * credential and any cookie count (the forum itself sets no cookies).
 */
export function assertNoSession(req: RequestHeaders | undefined): void {
  // Every instance counts: a PrivateToken header followed by a Bearer one must not pass on the first alone.
  const authorizations = headerValues(req, 'authorization');
  if (authorizations.length > 1 || authorizations.some((a) => !/^\s*PrivateToken\s/i.test(a))) {
    throw new ForumError(ForumErrorCode.SessionNotAllowed);
  }
  if (headerValues(req, 'cookie').some((c) => c.trim() !== '')) throw new ForumError(ForumErrorCode.SessionNotAllowed);
}

/**
 * The token paying for a write: the GraphQL `token` argument (base64url of the
 * RFC 9577 §2.2 Token), or the RFC 9577 `Authorization: PrivateToken token=...`
 * header. Both at once is ambiguous and refused.
 */
export function tokenFrom(req: RequestHeaders | undefined, argument: string | null | undefined): Token {
  const token = optionalTokenFrom(req, argument);
  if (!token) throw new ForumError(ForumErrorCode.TokenRequired);
  return token;
}

/**
 * As tokenFrom, but null when the write carries no token at all, so the caller
 * can answer with the challenge of the company and kind it names (RFC 9577 §2.1;
 * TokenRedemptionService.verify).
 */
export function optionalTokenFrom(req: RequestHeaders | undefined, argument: string | null | undefined): Token | null {
  return fromRequest(req, argument, {
    fromBytes: (bytes) => Token.deserialize(bytes),
    fromHeader: (value) => parseAuthorization(value),
    isLibraryError: isPrivacyPassError,
  });
}

/**
 * The ARC presentation paying for a vote, flag or review (token type 0xE5AC,
 * draft-ietf-privacypass-arc-protocol §8.1), carried exactly like a VOPRF
 * token: the `token` argument or `Authorization: PrivateToken token=...`.
 * The presentation limit of every context is 1.
 */
export function arcTokenFrom(req: RequestHeaders | undefined, argument: string | null | undefined): ArcToken {
  const token = fromRequest(req, argument, {
    fromBytes: (bytes) => ArcToken.deserialize(bytes, ARC_PRESENTATION_LIMIT),
    fromHeader: (value) => parseArcAuthorization(value, ARC_PRESENTATION_LIMIT),
    isLibraryError: isArcError,
    detail: (error) =>
      (error as { code?: string }).code === 'unsupported_token_type'
        ? 'votes, flags and reviews take an ARC presentation (token type 0xE5AC)'
        : undefined,
  });
  if (!token) throw new ForumError(ForumErrorCode.TokenRequired);
  return token;
}

/** The credential of a write, parsed strictly; null when the write carries none. */
function fromRequest<T>(
  req: RequestHeaders | undefined,
  argument: string | null | undefined,
  parse: {
    fromBytes: (bytes: Uint8Array) => T;
    fromHeader: (value: string) => T;
    isLibraryError: (error: unknown) => boolean;
    detail?: (error: unknown) => string | undefined;
  },
): T | null {
  const authorization = header(req, 'authorization');
  if (argument && authorization) throw new ForumError(ForumErrorCode.TokenMalformed, 'send the token once');
  try {
    if (argument) return parse.fromBytes(base64urlDecode(padBase64(argument.trim()), 'token'));
    if (authorization) return parse.fromHeader(authorization);
  } catch (error) {
    if (isPrivacyPassError(error) || parse.isLibraryError(error)) {
      throw new ForumError(ForumErrorCode.TokenMalformed, parse.detail?.(error));
    }
    throw error;
  }
  return null;
}

/** The argument may omit base64url padding; the header form must carry it (RFC 9577 §2.1). */
function padBase64(value: string): string {
  return value.length % 4 === 0 ? value : value + '='.repeat(4 - (value.length % 4));
}
