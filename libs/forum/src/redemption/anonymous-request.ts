import { base64urlDecode, isPrivacyPassError, parseAuthorization, Token } from '@unlinked/privacy-pass';
import { ForumError, ForumErrorCode } from '../forum.errors.js';

/** The slice of the HTTP request an anonymous write looks at. */
export interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
}

function header(req: RequestHeaders | undefined, name: string): string | undefined {
  const value = req?.headers?.[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Privacy rule 4: an anonymous write carrying a session credential is refused,
 * so no client can tie a post to its account by accident. Any bearer
 * credential and any cookie count (the forum itself sets no cookies).
 */
export function assertNoSession(req: RequestHeaders | undefined): void {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined && !/^\s*PrivateToken\s/i.test(authorization)) {
    throw new ForumError(ForumErrorCode.SessionNotAllowed);
  }
  const cookie = header(req, 'cookie');
  if (cookie !== undefined && cookie.trim() !== '') throw new ForumError(ForumErrorCode.SessionNotAllowed);
}

/**
 * The token paying for a write: the GraphQL `token` argument (base64url of the
 * RFC 9577 §2.2 Token), or the RFC 9577 `Authorization: PrivateToken token=...`
 * header. Both at once is ambiguous and refused.
 */
export function tokenFrom(req: RequestHeaders | undefined, argument: string | null | undefined): Token {
  const authorization = header(req, 'authorization');
  if (argument && authorization) throw new ForumError(ForumErrorCode.TokenMalformed, 'send the token once');
  try {
    if (argument) return Token.deserialize(base64urlDecode(padBase64(argument.trim()), 'token'));
    if (authorization) return parseAuthorization(authorization);
  } catch (error) {
    if (isPrivacyPassError(error)) throw new ForumError(ForumErrorCode.TokenMalformed);
    throw error;
  }
  throw new ForumError(ForumErrorCode.TokenRequired);
}

/** The argument may omit base64url padding; the header form must carry it (RFC 9577 §2.1). */
function padBase64(value: string): string {
  return value.length % 4 === 0 ? value : value + '='.repeat(4 - (value.length % 4));
}
