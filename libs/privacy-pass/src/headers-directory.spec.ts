import { describe, it, expect } from '@jest/globals';
import {
  DeserializeError,
  IssuerDirectory,
  issuerDirectoryUrl,
  PrivateTokenHeader,
  Token,
  TokenChallenge,
  base64urlEncode,
  deriveTokenKeyPair,
  TOKEN_TYPE_VOPRF,
} from './index.js';

const key = deriveTokenKeyPair(new Uint8Array(32).fill(3), { companyId: 'x', kind: 'post', epoch: 1 });
const challenge = new TokenChallenge({ issuerName: 'issuer.example', originInfo: ['origin.example'] });

describe('PrivateToken WWW-Authenticate (RFC 9577 §2.1)', () => {
  it('round-trips challenge, token-key and max-age', () => {
    const h = PrivateTokenHeader.buildWWWAuthenticate({ challenge, tokenKey: key.publicKey, maxAge: 10 });
    expect(h).toMatch(/^PrivateToken challenge="[A-Za-z0-9_-]+=*", token-key="[A-Za-z0-9_-]+=*", max-age=10$/);
    const [p] = PrivateTokenHeader.parseWWWAuthenticate(h);
    expect(p.challengeBytes).toEqual(challenge.serialize());
    expect(p.tokenKey).toEqual(key.publicKey);
    expect(p.maxAge).toBe(10);
  });
  it('finds PrivateToken among other schemes, case-insensitively, token or quoted values', () => {
    const c = base64urlEncode(challenge.serialize());
    const h = `Basic realm="x, y", privatetoken Challenge=${c.replace(/=/g, '') === c ? c : `"${c}"`}, Bearer, PrivateToken challenge="${c}"`;
    const list = PrivateTokenHeader.parseWWWAuthenticate(h);
    expect(list).toHaveLength(2);
    expect(list[1].challenge.issuerName).toBe('issuer.example');
  });
  it('rejects missing challenge, unpadded values, duplicates and bad keys', () => {
    const c = base64urlEncode(challenge.serialize());
    const bad = [
      'PrivateToken token-key="AAAA"',
      `PrivateToken challenge="${c.replace(/=+$/, '')}x"`,
      `PrivateToken challenge="${c}", challenge="${c}"`,
      `PrivateToken challenge="${c}", token-key="${base64urlEncode(new Uint8Array(49))}"`,
      `PrivateToken challenge="${c}", max-age=-1`,
      `PrivateToken challenge="${c}`,
    ];
    for (const h of bad) expect(() => PrivateTokenHeader.parseWWWAuthenticate(h)).toThrow(DeserializeError);
  });
});

describe('PrivateToken Authorization (RFC 9577 §2.2)', () => {
  const token = new Token(new Uint8Array(32).fill(1), challenge.digest(), key.tokenKeyId, new Uint8Array(48).fill(2));
  it('round-trips', () => {
    const h = PrivateTokenHeader.buildAuthorization(token);
    expect(h.startsWith('PrivateToken token="')).toBe(true);
    expect(PrivateTokenHeader.parseAuthorization(h).serialize()).toEqual(token.serialize());
  });
  it('rejects other schemes, missing token, two credentials, and bad padding', () => {
    const b = base64urlEncode(token.serialize());
    const bad = [
      'Bearer token="x"',
      'PrivateToken',
      `PrivateToken token="${b}", PrivateToken token="${b}"`,
      `PrivateToken token="${b}="`,
      `PrivateToken token="${b.slice(0, -4)}"`,
    ];
    for (const h of bad) expect(() => PrivateTokenHeader.parseAuthorization(h)).toThrow(DeserializeError);
  });
});

describe('Issuer directory (RFC 9578 §4)', () => {
  it('round-trips and picks the preferred current key', () => {
    const older = deriveTokenKeyPair(new Uint8Array(32).fill(3), { companyId: 'x', kind: 'post', epoch: 0 });
    const dir = new IssuerDirectory('https://issuer.example/request', [
      { tokenType: TOKEN_TYPE_VOPRF, tokenKey: key.publicKey, notBefore: 2000 },
      { tokenType: TOKEN_TYPE_VOPRF, tokenKey: older.publicKey },
      { tokenType: 2, tokenKey: new Uint8Array([1, 2, 3]) },
    ]);
    const json = dir.serialize();
    const obj = JSON.parse(json);
    expect(obj['token-keys'][0]).toEqual({
      'token-type': 1,
      'token-key': base64urlEncode(key.publicKey),
      'not-before': 2000,
    });
    const back = IssuerDirectory.parse(json);
    expect(back.serialize()).toBe(json);
    expect(back.currentKey(TOKEN_TYPE_VOPRF, 1999)?.tokenKey).toEqual(older.publicKey);
    expect(back.currentKey(TOKEN_TYPE_VOPRF, 2000)?.tokenKey).toEqual(key.publicKey);
  });
  it('ignores unknown members but rejects malformed ones', () => {
    const k = base64urlEncode(key.publicKey);
    const ok = {
      'issuer-request-uri': '/request',
      'token-keys': [{ 'token-type': 1, 'token-key': k, extra: true }],
      other: 1,
    };
    expect(IssuerDirectory.fromJSON(ok).tokenKeys).toHaveLength(1);
    const bad: unknown[] = [
      null,
      [],
      { 'token-keys': [] },
      { 'issuer-request-uri': '/r' },
      { 'issuer-request-uri': '/r', 'token-keys': [{ 'token-type': '1', 'token-key': k }] },
      { 'issuer-request-uri': '/r', 'token-keys': [{ 'token-type': 1.5, 'token-key': k }] },
      { 'issuer-request-uri': '/r', 'token-keys': [{ 'token-type': 1, 'token-key': k.replace(/=+$/, '') }] },
      {
        'issuer-request-uri': '/r',
        'token-keys': [{ 'token-type': 1, 'token-key': base64urlEncode(new Uint8Array(49)) }],
      },
      { 'issuer-request-uri': '/r', 'token-keys': [{ 'token-type': 1, 'token-key': k, 'not-before': -5 }] },
    ];
    for (const b of bad) expect(() => IssuerDirectory.fromJSON(b)).toThrow(DeserializeError);
    expect(() => IssuerDirectory.deserialize('{')).toThrow(DeserializeError);
  });
});

describe('Conforming discovery (RFC 9577 §2.1.1, RFC 9578 §4)', () => {
  it('admits a challenge only at an origin its origin_info names, or any origin when empty', () => {
    expect(challenge.admitsOrigin('origin.example')).toBe(true);
    expect(challenge.admitsOrigin('Origin.Example')).toBe(true);
    expect(challenge.admitsOrigin('other.example')).toBe(false);
    expect(challenge.admitsOrigin('post.acme.origin.example')).toBe(false);
    expect(new TokenChallenge({ issuerName: 'issuer.example' }).admitsOrigin('anything.example')).toBe(true);
  });

  it("locates the directory at the well-known path of the issuer name's host", () => {
    expect(issuerDirectoryUrl('acme.post.issuer.unlinked.example')).toBe(
      'https://acme.post.issuer.unlinked.example/.well-known/private-token-issuer-directory',
    );
    expect(issuerDirectoryUrl('acme.post.issuer.localhost:3000', 'http:')).toBe(
      'http://acme.post.issuer.localhost:3000/.well-known/private-token-issuer-directory',
    );
    for (const bad of ['', 'a/b', 'evil.example/x?', 'user@host', 'host:port']) {
      expect(() => issuerDirectoryUrl(bad)).toThrow();
    }
  });
});
