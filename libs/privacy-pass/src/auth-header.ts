/**
 * RFC 9577 §2.1-2.2 "PrivateToken" HTTP authentication scheme.
 *
 *   WWW-Authenticate: PrivateToken challenge="<b64url>", token-key="<b64url>"[, max-age=N]
 *   Authorization:    PrivateToken token="<b64url>"
 *
 * Values are base64url WITH padding (RFC 9577 §2.1: "the base64url value MUST
 * include padding"); as auth-params they may be a token or a quoted-string.
 */
import { base64urlDecode, base64urlEncode } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';
import { assertElement } from './group.js';
import { TokenChallenge } from './token-challenge.js';
import { Token } from './token.js';

export const AUTH_SCHEME = 'PrivateToken';

export interface PrivateTokenChallengeParams {
  challenge: TokenChallenge;
  /** The exact challenge bytes; the token's challenge_digest is over these. */
  challengeBytes: Uint8Array;
  tokenKey?: Uint8Array;
  maxAge?: number;
}

interface ParsedChallenge {
  scheme: string;
  params: Map<string, string>;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function bad(m: string): never {
  throw new DeserializeError('invalid_header', m);
}

/**
 * RFC 9110 §11.6.1 challenge/credentials list parser (auth-param form only;
 * token68 is not used by PrivateToken). Duplicate parameters are rejected.
 */
function parseAuthList(header: string): ParsedChallenge[] {
  if (typeof header !== 'string') bad('header must be a string');
  const s = header;
  let i = 0;
  const ows = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < s.length && TCHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const quoted = (): string => {
    i++; // opening quote
    let out = '';
    while (i < s.length) {
      const c = s[i++];
      if (c === '"') return out;
      if (c === '\\') {
        if (i >= s.length) break;
        out += s[i++];
      } else out += c;
    }
    return bad('unterminated quoted-string');
  };
  const out: ParsedChallenge[] = [];
  for (;;) {
    ows();
    while (s[i] === ',') {
      i++;
      ows();
    }
    if (i >= s.length) break;
    const scheme = token();
    if (!scheme) bad(`unexpected character at ${i}`);
    const params = new Map<string, string>();
    out.push({ scheme, params });
    for (;;) {
      ows();
      const save = i;
      const name = token();
      ows();
      if (!name || s[i] !== '=') {
        // Not an auth-param: either end, or the next challenge's scheme.
        i = save;
        break;
      }
      i++;
      ows();
      const value = s[i] === '"' ? quoted() : token();
      const key = name.toLowerCase();
      if (params.has(key)) bad(`duplicate parameter ${key}`);
      params.set(key, value);
      ows();
      if (i >= s.length) break;
      if (s[i] !== ',') bad(`expected ',' at ${i}`);
      i++;
    }
  }
  return out;
}

function quote(v: string): string {
  return `"${v}"`;
}

/** Builds a WWW-Authenticate value for one PrivateToken challenge. */
export function buildWWWAuthenticate(p: {
  challenge: TokenChallenge | Uint8Array;
  tokenKey?: Uint8Array;
  maxAge?: number;
}): string {
  const bytes =
    p.challenge instanceof TokenChallenge
      ? p.challenge.serialize()
      : (TokenChallenge.deserialize(p.challenge), p.challenge);
  const parts = [`challenge=${quote(base64urlEncode(bytes))}`];
  if (p.tokenKey !== undefined) {
    assertElement(p.tokenKey, 'token-key');
    parts.push(`token-key=${quote(base64urlEncode(p.tokenKey))}`);
  }
  if (p.maxAge !== undefined) {
    if (!Number.isInteger(p.maxAge) || p.maxAge < 0)
      throw new InputValidationError('invalid_argument', 'max-age must be a non-negative integer');
    parts.push(`max-age=${p.maxAge}`);
  }
  return `${AUTH_SCHEME} ${parts.join(', ')}`;
}

/**
 * Parses every PrivateToken challenge in a WWW-Authenticate value (other
 * schemes are skipped). Unknown parameters are ignored; `challenge` is required.
 */
export function parseWWWAuthenticate(header: string): PrivateTokenChallengeParams[] {
  const res: PrivateTokenChallengeParams[] = [];
  for (const c of parseAuthList(header)) {
    if (c.scheme.toLowerCase() !== AUTH_SCHEME.toLowerCase()) continue;
    const ch = c.params.get('challenge');
    if (ch === undefined) bad('PrivateToken challenge without "challenge" parameter');
    const challengeBytes = base64urlDecode(ch, 'challenge');
    const challenge = TokenChallenge.deserialize(challengeBytes);
    const out: PrivateTokenChallengeParams = { challenge, challengeBytes };
    const tk = c.params.get('token-key');
    if (tk !== undefined) {
      out.tokenKey = base64urlDecode(tk, 'token-key');
      assertElement(out.tokenKey, 'token-key');
    }
    const ma = c.params.get('max-age');
    if (ma !== undefined) {
      if (!/^[0-9]{1,10}$/.test(ma)) bad('max-age must be a non-negative integer');
      out.maxAge = Number(ma);
    }
    res.push(out);
  }
  return res;
}

/** Builds an Authorization value: PrivateToken token="..." (RFC 9577 §2.2). */
export function buildAuthorization(token: Token | Uint8Array): string {
  const bytes = token instanceof Token ? token.serialize() : Token.deserialize(token).serialize();
  return `${AUTH_SCHEME} token=${quote(base64urlEncode(bytes))}`;
}

/** Parses an Authorization value carrying exactly one PrivateToken credential. */
export function parseAuthorization(header: string): Token {
  const list = parseAuthList(header);
  if (list.length !== 1) bad('expected exactly one credential');
  const [c] = list;
  if (c.scheme.toLowerCase() !== AUTH_SCHEME.toLowerCase()) bad(`not a ${AUTH_SCHEME} credential`);
  const t = c.params.get('token');
  if (t === undefined) bad('missing "token" parameter');
  return Token.deserialize(base64urlDecode(t, 'token'));
}

/** Namespace-style access matching the rest of the product's naming. */
export const PrivateTokenHeader = Object.freeze({
  scheme: AUTH_SCHEME,
  buildWWWAuthenticate,
  parseWWWAuthenticate,
  buildAuthorization,
  parseAuthorization,
});
