// RFC 9497 §2.1, §3.3, §4.4 and RFC 9578 §5.2 strictness: every malformed
// encoding is a typed error raised while parsing, before any scalar multiplication.
import { describe, it, expect } from '@jest/globals';
import { p384 } from '@noble/curves/nist.js';
import { numberToBytesBE } from '@noble/curves/utils.js';
import {
  BatchedTokenRequest,
  BatchedTokenResponse,
  Client,
  DeserializeError,
  InputValidationError,
  Issuer,
  Origin,
  PrivacyPassError,
  Token,
  TokenChallenge,
  TokenRequest,
  TokenResponse,
  VerifyError,
  base64urlDecode,
  base64urlEncode,
  deriveTokenKeyPair,
  NE,
  NS,
} from './index.js';
import { GROUP_ORDER } from './group.js';

const Point = p384.Point;
const P = Point.Fp.ORDER;
const seed = new Uint8Array(32).fill(9);
const key = deriveTokenKeyPair(seed, { companyId: 'c', kind: 'review', epoch: 1 });
const tid = key.truncatedTokenKeyId;
const good = Point.BASE.multiply(12345n).toBytes(true);
const goodScalar = numberToBytesBE(5n, NS);

function offCurve(): Uint8Array {
  for (let x = 1n; ; x++) {
    const enc = new Uint8Array([0x02, ...numberToBytesBE(x, 48)]);
    try {
      Point.fromBytes(enc);
    } catch {
      return enc;
    }
  }
}

/** x + p encoding of a valid point with small x (only small x leave room below 2^384). */
function nonCanonical(): Uint8Array {
  for (let x = 1n; x < 1000n; x++) {
    try {
      Point.fromBytes(new Uint8Array([0x02, ...numberToBytesBE(x, 48)]));
    } catch {
      continue;
    }
    return new Uint8Array([0x02, ...numberToBytesBE(x + P, 48)]);
  }
  throw new Error('no small valid x found');
}

const BAD_ELEMENTS: Array<[string, Uint8Array, string]> = [
  ['identity (all zero)', new Uint8Array(NE), 'identity_element'],
  ['identity (SEC1 0x00 only)', Uint8Array.of(0), 'invalid_length'],
  ['uncompressed 97 bytes', Point.BASE.multiply(7n).toBytes(false), 'invalid_length'],
  ['0x04 tag at compressed length', new Uint8Array([0x04, ...good.subarray(1)]), 'non_canonical_element'],
  ['bad tag 0x05', new Uint8Array([0x05, ...good.subarray(1)]), 'invalid_element'],
  ['x not reduced mod p', nonCanonical(), 'non_canonical_element'],
  ['x = 2^384 - 1', new Uint8Array([0x02, ...new Uint8Array(48).fill(0xff)]), 'non_canonical_element'],
  ['point off the curve', offCurve(), 'invalid_element'],
  ['short by one', good.subarray(0, NE - 1), 'invalid_length'],
  ['long by one', new Uint8Array([...good, 0]), 'invalid_length'],
];

function expectCode(f: () => unknown, ctor: new (...a: never[]) => PrivacyPassError, code?: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ctor);
  if (code) expect((caught as PrivacyPassError).code).toBe(code);
}

// noble freezes its Point class, so multiplication cannot be spied on. The
// guarantee is structural instead: these errors are thrown by deserialize() and
// by the struct constructors, which only decode (group.ts: fromBytes,
// assertValidity); Issuer/Client/Origin only accept already-built structs, so
// an invalid element can never reach a scalar multiplication.
describe('element validation (RFC 9497 §2.1, §4.4)', () => {
  it.each(BAD_ELEMENTS)('TokenRequest/TokenResponse reject %s while parsing', (_n, el, code) => {
    const wire = new Uint8Array([0x00, 0x01, tid, ...el]);
    if (el.length === NE) expectCode(() => TokenRequest.deserialize(wire), DeserializeError, code);
    else expectCode(() => TokenRequest.deserialize(wire), DeserializeError);
    expectCode(
      () => TokenResponse.deserialize(new Uint8Array([...el, ...goodScalar, ...goodScalar])),
      DeserializeError,
    );
    expectCode(() => new TokenRequest(tid, el), DeserializeError);
  });

  it.each(BAD_ELEMENTS.filter(([, el]) => el.length === NE))('a batch with one %s fails whole', (_n, el, code) => {
    const ok = new BatchedTokenRequest(tid, [good, good]).serialize();
    const bad = new Uint8Array(ok);
    bad.set(el, ok.length - NE);
    expectCode(() => BatchedTokenRequest.deserialize(bad), DeserializeError, code);
    const okRes = new BatchedTokenResponse([good, good], new Uint8Array([...goodScalar, ...goodScalar])).serialize();
    const badRes = new Uint8Array(okRes);
    badRes.set(el, 2); // after the 2-byte varint (98 bytes)
    expectCode(() => BatchedTokenResponse.deserialize(badRes), DeserializeError, code);
    expectCode(() => new BatchedTokenRequest(tid, [good, el, good]), DeserializeError, code);
  });

  it('Client rejects a bad public key as an input error', () => {
    const ch = new TokenChallenge({ issuerName: 'i' });
    for (const [, el] of BAD_ELEMENTS)
      expectCode(() => new Client().createTokenRequest(ch, el), InputValidationError, 'invalid_key');
  });
});

describe('scalar validation (RFC 9497 §4.4 DeserializeScalar)', () => {
  const n = numberToBytesBE(GROUP_ORDER, NS);
  const max = new Uint8Array(NS).fill(0xff);
  it.each([
    ['c = n', n, goodScalar],
    ['s = n', goodScalar, n],
    ['c = 2^384-1', max, goodScalar],
    ['s = n + 1', goodScalar, numberToBytesBE(GROUP_ORDER + 1n, NS)],
  ])('rejects proof with %s', (_n, c, s) => {
    expectCode(
      () => TokenResponse.deserialize(new Uint8Array([...good, ...c, ...s])),
      DeserializeError,
      'invalid_scalar',
    );
    expectCode(
      () => BatchedTokenResponse.deserialize(new Uint8Array([NE, ...good, ...c, ...s])),
      DeserializeError,
      'invalid_scalar',
    );
  });
  it('accepts n - 1 (in range) at the parsing layer', () => {
    const nm1 = numberToBytesBE(GROUP_ORDER - 1n, NS);
    expect(() => TokenResponse.deserialize(new Uint8Array([...good, ...nm1, ...nm1]))).not.toThrow();
  });
  it('rejects secret keys of zero or >= n', () => {
    expectCode(
      () => new Issuer({ secretKey: new Uint8Array(NS), publicKey: key.publicKey }),
      InputValidationError,
      'invalid_key',
    );
    expectCode(() => new Issuer({ secretKey: n, publicKey: key.publicKey }), InputValidationError, 'invalid_key');
    const other = deriveTokenKeyPair(seed, { companyId: 'c', kind: 'review', epoch: 2 });
    expectCode(
      () => new Issuer({ secretKey: other.secretKey, publicKey: key.publicKey }),
      InputValidationError,
      'invalid_key',
    );
  });
});

describe('lengths, trailing bytes, token types', () => {
  const req = new TokenRequest(tid, good).serialize();
  const res = new TokenResponse(good, new Uint8Array([...goodScalar, ...goodScalar])).serialize();
  const token = new Token(new Uint8Array(32), new Uint8Array(32), new Uint8Array(32), new Uint8Array(48)).serialize();
  const chal = new TokenChallenge({ issuerName: 'issuer.example', originInfo: ['a.example', 'b.example'] }).serialize();

  it.each([
    ['TokenRequest', req, (b: Uint8Array) => TokenRequest.deserialize(b)],
    ['TokenResponse', res, (b: Uint8Array) => TokenResponse.deserialize(b)],
    ['Token', token, (b: Uint8Array) => Token.deserialize(b)],
    ['TokenChallenge', chal, (b: Uint8Array) => TokenChallenge.deserialize(b)],
    [
      'BatchedTokenRequest',
      new BatchedTokenRequest(tid, [good]).serialize(),
      (b: Uint8Array) => BatchedTokenRequest.deserialize(b),
    ],
  ] as const)('%s: truncation and trailing bytes are rejected', (_n, wire, parse) => {
    expect(() => parse(wire)).not.toThrow();
    expectCode(() => parse(new Uint8Array([...wire, 0])), DeserializeError, 'trailing_bytes');
    for (let cut = 0; cut < wire.length; cut++) expectCode(() => parse(wire.subarray(0, cut)), DeserializeError);
  });

  it.each([0x0000, 0x0002, 0x0005, 0xf901, 0xffff])('unknown token type 0x%s is rejected everywhere', (type) => {
    const hi = type >> 8;
    const lo = type & 0xff;
    expectCode(
      () => TokenRequest.deserialize(new Uint8Array([hi, lo, ...req.subarray(2)])),
      DeserializeError,
      'unsupported_token_type',
    );
    expectCode(
      () => Token.deserialize(new Uint8Array([hi, lo, ...token.subarray(2)])),
      DeserializeError,
      'unsupported_token_type',
    );
    expectCode(
      () => TokenChallenge.deserialize(new Uint8Array([hi, lo, ...chal.subarray(2)])),
      DeserializeError,
      'unsupported_token_type',
    );
    const b = new BatchedTokenRequest(tid, [good]).serialize();
    expectCode(
      () => BatchedTokenRequest.deserialize(new Uint8Array([hi, lo, ...b.subarray(2)])),
      DeserializeError,
      'unsupported_token_type',
    );
  });

  it('batched vectors: non-minimal varint, empty list, non-multiple of Ne', () => {
    const one = new BatchedTokenRequest(tid, [good]).serialize();
    expect(one[3]).toBe(NE); // 49 < 64: one-byte varint
    const nonMinimal = new Uint8Array([0, 1, tid, 0x40, NE, ...good]);
    expectCode(() => BatchedTokenRequest.deserialize(nonMinimal), DeserializeError, 'invalid_varint');
    expectCode(
      () => BatchedTokenRequest.deserialize(new Uint8Array([0, 1, tid, 0])),
      DeserializeError,
      'invalid_length',
    );
    expectCode(
      () => BatchedTokenRequest.deserialize(new Uint8Array([0, 1, tid, NE - 1, ...good.subarray(1)])),
      DeserializeError,
      'invalid_length',
    );
    expectCode(
      () => BatchedTokenResponse.deserialize(new Uint8Array([0, ...goodScalar, ...goodScalar])),
      DeserializeError,
      'invalid_length',
    );
    // 2 elements = 98 bytes needs the 2-byte varint form 0x40 0x62.
    const two = new BatchedTokenRequest(tid, [good, good]).serialize();
    expect([two[3], two[4]]).toEqual([0x40, 98]);
    expectCode(() => new BatchedTokenRequest(tid, []), InputValidationError, 'empty_batch');
  });

  it('redemption_context must be 0 or 32 bytes', () => {
    const c = new Uint8Array([0, 1, 0, 1, 0x61, 5, 1, 2, 3, 4, 5, 0, 0]);
    expectCode(() => TokenChallenge.deserialize(c), DeserializeError, 'invalid_redemption_context');
    expectCode(
      () => new TokenChallenge({ issuerName: 'a', redemptionContext: new Uint8Array(31) }),
      InputValidationError,
    );
  });

  it('issuer_name must be non-empty printable ASCII; origin_info has no empty names', () => {
    expectCode(
      () => TokenChallenge.deserialize(new Uint8Array([0, 1, 0, 0, 0, 0, 0])),
      DeserializeError,
      'invalid_string',
    );
    expectCode(
      () => TokenChallenge.deserialize(new Uint8Array([0, 1, 0, 1, 0x0a, 0, 0, 0])),
      DeserializeError,
      'invalid_string',
    );
    expectCode(
      () => TokenChallenge.deserialize(new Uint8Array([0, 1, 0, 1, 0x61, 0, 0, 3, 0x61, 0x2c, 0x2c])),
      DeserializeError,
      'invalid_string',
    );
  });
});

describe('unknown key ids', () => {
  it('Issuer answers unknown_key_id (422) for a foreign truncated id', () => {
    const issuer = new Issuer(key);
    const e = (() => {
      try {
        issuer.evaluate(new TokenRequest((tid + 1) & 0xff, good));
      } catch (err) {
        return err as PrivacyPassError;
      }
    })();
    expect(e).toBeInstanceOf(InputValidationError);
    expect(e?.code).toBe('unknown_key_id');
    expect(e?.httpStatus).toBe(422);
    expect(e?.graphqlCode).toBe('BAD_USER_INPUT');
    expectCode(
      () => issuer.evaluateBatch(new BatchedTokenRequest((tid + 1) & 0xff, [good])),
      InputValidationError,
      'unknown_key_id',
    );
  });
  it('Origin answers VerifyError (401) for a token under an unknown key', () => {
    const t = new Token(
      new Uint8Array(32),
      new TokenChallenge({ issuerName: 'x' }).digest(),
      new Uint8Array(32),
      new Uint8Array(48),
    );
    let e: unknown;
    try {
      new Origin().verify(t, new TokenChallenge({ issuerName: 'x' }), [key]);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(VerifyError);
    expect((e as VerifyError).code).toBe('unknown_key_id');
    expect((e as VerifyError).httpStatus).toBe(401);
    expect((e as VerifyError).graphqlCode).toBe('UNAUTHENTICATED');
  });
});

describe('base64url with padding (RFC 9577 §2.1, RFC 9578 §4)', () => {
  it('round-trips all lengths and matches RFC 4648 §10 style vectors', () => {
    const enc = (s: string) => base64urlEncode(new TextEncoder().encode(s));
    expect([enc(''), enc('f'), enc('fo'), enc('foo'), enc('foob'), enc('fooba'), enc('foobar')]).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    expect(base64urlEncode(Uint8Array.of(0xfb, 0xff))).toBe('-_8=');
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(base64urlDecode(base64urlEncode(b))).toEqual(b);
    }
  });
  it.each(['Zg', 'Zm8', 'Zg=', 'Zg===', 'Z===', '=Zg=', 'Zm9v=', '+/8=', 'Zh==', 'Zm9=', 'Zm 9v', 'Zm9v\n'])(
    'rejects %j',
    (s) => {
      expectCode(() => base64urlDecode(s), DeserializeError, 'invalid_base64url');
    },
  );
});
