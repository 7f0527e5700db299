/**
 * HTTP encodings for ARC tokens: the RFC 9577 "PrivateToken" scheme with the
 * "rate-limit" attribute of draft-ietf-privacypass-arc-protocol §6, and the
 * RFC 9578 §4 issuer directory entry for token type 0xE5AC (token-key =
 * base64url(ServerPublicKey), draft-ietf-privacypass-arc-protocol §10.1).
 *
 *   WWW-Authenticate: PrivateToken challenge="<b64url>", token-key="<b64url>", rate-limit=N
 *   Authorization:    PrivateToken token="<b64url>"
 */
import { base64urlDecode, base64urlEncode } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';
import { ServerPublicKey } from './keys.js';
import { checkPresentationLimit } from './proofs.js';
import { ArcToken, ArcTokenChallenge, TOKEN_TYPE_ARC } from './protocol.js';

export const AUTH_SCHEME = 'PrivateToken';

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function bad(m: string): never {
  throw new DeserializeError('invalid_header', m);
}

/** RFC 9110 §11.6.1 challenge/credentials list (auth-param form); duplicate parameters are refused. */
function parseAuthList(header: string): Array<{ scheme: string; params: Map<string, string> }> {
  if (typeof header !== 'string') bad('header must be a string');
  const s = header;
  let i = 0;
  const ows = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const token = () => {
    const start = i;
    while (i < s.length && TCHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const quoted = (): string => {
    i++;
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
  const out: Array<{ scheme: string; params: Map<string, string> }> = [];
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

export interface ArcChallengeParams {
  challenge: ArcTokenChallenge;
  /** Exact challenge bytes (the token's challenge_digest is over these). */
  challengeBytes: Uint8Array;
  tokenKey?: ServerPublicKey;
  /** draft-ietf-privacypass-arc-protocol §6 "rate-limit": the presentation limit. */
  rateLimit?: number;
  maxAge?: number;
}

/** Builds one PrivateToken challenge for ARC (draft-ietf-privacypass-arc-protocol §6 SHOULD include rate-limit). */
export function buildArcWWWAuthenticate(p: {
  challenge: ArcTokenChallenge;
  tokenKey?: ServerPublicKey;
  rateLimit: number;
  maxAge?: number;
}): string {
  checkPresentationLimit(p.rateLimit);
  const parts = [`challenge="${base64urlEncode(p.challenge.serialize())}"`];
  if (p.tokenKey) parts.push(`token-key="${base64urlEncode(p.tokenKey.serialize())}"`);
  parts.push(`rate-limit=${p.rateLimit}`);
  if (p.maxAge !== undefined) {
    if (!Number.isSafeInteger(p.maxAge) || p.maxAge < 0)
      throw new InputValidationError('invalid_argument', 'max-age must be a non-negative integer');
    parts.push(`max-age=${p.maxAge}`);
  }
  return `${AUTH_SCHEME} ${parts.join(', ')}`;
}

/** Parses the PrivateToken challenges of token type 0xE5AC in a WWW-Authenticate value (others are skipped). */
export function parseArcWWWAuthenticate(header: string): ArcChallengeParams[] {
  const res: ArcChallengeParams[] = [];
  for (const c of parseAuthList(header)) {
    if (c.scheme.toLowerCase() !== AUTH_SCHEME.toLowerCase()) continue;
    const ch = c.params.get('challenge');
    if (ch === undefined) bad('PrivateToken challenge without "challenge" parameter');
    const challengeBytes = base64urlDecode(ch, 'challenge');
    if (challengeBytes.length < 2 || ((challengeBytes[0] << 8) | challengeBytes[1]) !== TOKEN_TYPE_ARC) continue;
    const out: ArcChallengeParams = { challenge: ArcTokenChallenge.deserialize(challengeBytes), challengeBytes };
    const tk = c.params.get('token-key');
    if (tk !== undefined) out.tokenKey = ServerPublicKey.deserialize(base64urlDecode(tk, 'token-key'));
    const rl = c.params.get('rate-limit');
    if (rl !== undefined) {
      if (!/^[1-9][0-9]{0,9}$/.test(rl)) bad('rate-limit must be a positive integer');
      const n = Number(rl);
      if (n < 2 || n > 2 ** 32) bad('rate-limit out of the supported range [2, 2^32]');
      out.rateLimit = n;
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

/** Authorization: PrivateToken token="<base64url(Token)>" (RFC 9577 §2.2). */
export function buildArcAuthorization(token: ArcToken): string {
  return `${AUTH_SCHEME} token="${base64urlEncode(token.serialize())}"`;
}

/** Parses exactly one PrivateToken credential carrying an ARC token for the given limit. */
export function parseArcAuthorization(header: string, presentationLimit: number): ArcToken {
  const list = parseAuthList(header);
  if (list.length !== 1) bad('expected exactly one credential');
  const [c] = list;
  if (c.scheme.toLowerCase() !== AUTH_SCHEME.toLowerCase()) bad(`not a ${AUTH_SCHEME} credential`);
  const t = c.params.get('token');
  if (t === undefined) bad('missing "token" parameter');
  return ArcToken.deserialize(base64urlDecode(t, 'token'), presentationLimit);
}

export interface ArcDirectoryKey {
  publicKey: ServerPublicKey;
  notBefore?: number;
}

/** RFC 9578 §4 "token-keys" entry for ARC: { "token-type": 58796, "token-key": b64url(pkI), "not-before"? }. */
export function arcDirectoryEntry(key: ArcDirectoryKey): Record<string, unknown> {
  if (key.notBefore !== undefined && (!Number.isSafeInteger(key.notBefore) || key.notBefore < 0)) {
    throw new InputValidationError('invalid_argument', 'not-before must be a non-negative integer');
  }
  return {
    'token-type': TOKEN_TYPE_ARC,
    'token-key': base64urlEncode(key.publicKey.serialize()),
    ...(key.notBefore !== undefined ? { 'not-before': key.notBefore } : {}),
  };
}

/**
 * The ARC keys of an RFC 9578 §4 issuer directory (other token types are
 * skipped; unknown members ignored). Every ARC token-key must decode as a
 * ServerPublicKey.
 */
export function parseArcDirectoryKeys(json: string): { issuerRequestUri: string; keys: ArcDirectoryKey[] } {
  const fail = (m: string): never => {
    throw new DeserializeError('invalid_directory', `issuer directory: ${m}`);
  };
  let obj: unknown;
  try {
    obj = JSON.parse(json);
  } catch (cause) {
    throw new DeserializeError('invalid_json', 'issuer directory is not valid JSON', { cause });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) fail('not a JSON object');
  const o = obj as Record<string, unknown>;
  const uri = o['issuer-request-uri'];
  if (typeof uri !== 'string' || uri.length === 0) fail('"issuer-request-uri" must be a non-empty string');
  const list = o['token-keys'];
  if (!Array.isArray(list)) fail('"token-keys" must be an array');
  const keys: ArcDirectoryKey[] = [];
  (list as unknown[]).forEach((k, i) => {
    if (typeof k !== 'object' || k === null || Array.isArray(k)) fail(`token-keys[${i}] is not an object`);
    const e = k as Record<string, unknown>;
    if (e['token-type'] !== TOKEN_TYPE_ARC) return;
    const raw = e['token-key'];
    if (typeof raw !== 'string') fail(`token-keys[${i}]."token-key" must be a string`);
    const nb = e['not-before'];
    if (nb !== undefined && (typeof nb !== 'number' || !Number.isSafeInteger(nb) || nb < 0)) {
      fail(`token-keys[${i}]."not-before" must be a non-negative integer`);
    }
    const publicKey = ServerPublicKey.deserialize(base64urlDecode(raw as string, `token-keys[${i}]."token-key"`));
    keys.push({ publicKey, ...(nb !== undefined ? { notBefore: nb as number } : {}) });
  });
  return { issuerRequestUri: uri as string, keys };
}
