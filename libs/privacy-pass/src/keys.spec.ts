import { describe, it, expect } from '@jest/globals';
import {
  KEY_INFO_LABEL,
  InputValidationError,
  Issuer,
  deriveTokenKeyPair,
  deriveTokenKeyPairWithCounter,
  encodeKeyInfo,
  findTruncatedKeyIdCollisions,
  resolveTokenKeySet,
  selectIssuer,
  tokenKeyId,
  TokenRequest,
  type TokenKeyDescriptor,
  type TokenKind,
} from './index.js';
import { voprf } from './group.js';
import { toHex } from './test-rng.spec-helper.js';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('key info encoding', () => {
  it('is the documented TLS-style struct', () => {
    const info = encodeKeyInfo({ companyId: 'acme', kind: 'review', epoch: 0x01020304 }, 5);
    const label = toHex(new TextEncoder().encode(KEY_INFO_LABEL));
    expect(toHex(info)).toBe(label + '0004' + '61636d65' + '02' + '01020304' + '05');
  });
  it('rejects bad descriptors', () => {
    const bad: Array<[TokenKeyDescriptor, number]> = [
      [{ companyId: '', kind: 'post', epoch: 0 }, 0],
      [{ companyId: 'a', kind: 'poll' as TokenKind, epoch: 0 }, 0],
      [{ companyId: 'a', kind: 'post', epoch: -1 }, 0],
      [{ companyId: 'a', kind: 'post', epoch: 2 ** 32 }, 0],
      [{ companyId: 'a', kind: 'post', epoch: 1.5 }, 0],
      [{ companyId: 'a', kind: 'post', epoch: 0 }, 256],
    ];
    for (const [d, c] of bad) expect(() => encodeKeyInfo(d, c)).toThrow(InputValidationError);
    expect(() => deriveTokenKeyPair(new Uint8Array(31), { companyId: 'a', kind: 'post', epoch: 0 })).toThrow(
      InputValidationError,
    );
  });
});

describe('deriveTokenKeyPair', () => {
  it('is deterministic and equals RFC 9497 DeriveKeyPair(seed, keyInfo)', () => {
    const d = { companyId: 'acme', kind: 'post' as const, epoch: 7 };
    const a = deriveTokenKeyPair(seed, d);
    const b = deriveTokenKeyPair(Uint8Array.from(seed), { ...d });
    expect(a.secretKey).toEqual(b.secretKey);
    expect(a.publicKey).toEqual(b.publicKey);
    const raw = voprf.deriveKeyPair(seed, encodeKeyInfo(d, a.counter));
    expect(raw.publicKey).toEqual(a.publicKey);
    expect(a.tokenKeyId).toEqual(tokenKeyId(a.publicKey));
    expect(a.truncatedTokenKeyId).toBe(a.tokenKeyId[31]);
    expect(new Issuer(a).truncatedTokenKeyId).toBe(a.truncatedTokenKeyId);
  });
  it('separates company, kind, epoch and seed', () => {
    const base = deriveTokenKeyPair(seed, { companyId: 'acme', kind: 'post', epoch: 7 });
    const others = [
      deriveTokenKeyPair(seed, { companyId: 'acme2', kind: 'post', epoch: 7 }),
      deriveTokenKeyPair(seed, { companyId: 'acme', kind: 'reaction', epoch: 7 }),
      deriveTokenKeyPair(seed, { companyId: 'acme', kind: 'post', epoch: 8 }),
      deriveTokenKeyPair(new Uint8Array(32), { companyId: 'acme', kind: 'post', epoch: 7 }),
    ];
    for (const o of others) expect(toHex(o.publicKey)).not.toBe(toHex(base.publicKey));
  });
  it('gives the truncated id the epoch parity, so consecutive epochs never collide', () => {
    for (let epoch = 0; epoch < 24; epoch++) {
      const k = deriveTokenKeyPair(seed, { companyId: 'c', kind: 'post', epoch });
      expect(k.truncatedTokenKeyId & 1).toBe(epoch & 1);
      const prev = deriveTokenKeyPair(seed, { companyId: 'c', kind: 'post', epoch: epoch + 1 });
      expect(findTruncatedKeyIdCollisions([k, prev])).toEqual([]);
      // The counter is the smallest that satisfies the rule.
      for (let c = 0; c < k.counter; c++) {
        expect(
          deriveTokenKeyPairWithCounter(seed, { companyId: 'c', kind: 'post', epoch }, c).truncatedTokenKeyId & 1,
        ).not.toBe(epoch & 1);
      }
    }
  });
});

describe('resolveTokenKeySet', () => {
  const kinds: TokenKind[] = ['post', 'review', 'reaction'];
  const window = (e: number): TokenKeyDescriptor[] =>
    [e - 1, e].flatMap((epoch) =>
      ['acme', 'globex', 'initech'].flatMap((companyId) => kinds.map((kind) => ({ companyId, kind, epoch }))),
    );

  it('yields distinct truncated ids, deterministically and independent of input order', () => {
    const set = window(10);
    const a = resolveTokenKeySet(seed, set);
    expect(findTruncatedKeyIdCollisions(a)).toEqual([]);
    const b = resolveTokenKeySet(seed, [...set].reverse()).reverse();
    expect(a.map((k) => toHex(k.publicKey))).toEqual(b.map((k) => toHex(k.publicKey)));
  });

  it('actually resolves collisions that counter-0 derivation would have', () => {
    // Many keys of one epoch: collisions among raw keys are near-certain (birthday bound).
    const many: TokenKeyDescriptor[] = Array.from({ length: 40 }, (_, i) => ({
      companyId: `co${i}`,
      kind: 'post',
      epoch: 3,
    }));
    const naive = many.map((d) => deriveTokenKeyPair(seed, d));
    expect(findTruncatedKeyIdCollisions(naive).length).toBeGreaterThan(0);
    const resolved = resolveTokenKeySet(seed, many);
    expect(findTruncatedKeyIdCollisions(resolved)).toEqual([]);
    expect(resolved.some((k, i) => k.counter !== naive[i].counter)).toBe(true);
    for (const k of resolved) expect(k.truncatedTokenKeyId & 1).toBe(1);
  });

  it('keeps surviving keys stable when the window slides by one epoch', () => {
    const w10 = resolveTokenKeySet(seed, window(10));
    const w11 = resolveTokenKeySet(seed, window(11));
    const byDesc = (ks: typeof w10) => new Map(ks.map((k) => [JSON.stringify(k.descriptor), toHex(k.publicKey)]));
    const m10 = byDesc(w10);
    const m11 = byDesc(w11);
    for (const d of window(11).filter((x) => x.epoch === 10)) {
      expect(m11.get(JSON.stringify(d))).toBe(m10.get(JSON.stringify(d)));
    }
  });

  it('lets an issuer endpoint route requests by truncated id', () => {
    const issuers = resolveTokenKeySet(seed, window(5)).map((k) => new Issuer(k));
    const target = issuers[7];
    const req = new TokenRequest(target.truncatedTokenKeyId, target.publicKey);
    expect(selectIssuer(issuers, req)).toBe(target);
  });

  it('refuses impossible sets and duplicates', () => {
    const d = { companyId: 'a', kind: 'post' as const, epoch: 1 };
    expect(() => resolveTokenKeySet(seed, [d, { ...d }])).toThrow(InputValidationError);
  });
});
