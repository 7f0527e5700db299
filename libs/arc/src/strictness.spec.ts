// Strict deserialization (draft-ietf-privacypass-arc-crypto §6.1
// DeserializeElement / DeserializeScalar, draft-ietf-privacypass-arc-protocol
// §7.2): every malformed field is a typed DeserializeError raised while
// parsing, before any proof work.
import { describe, it, expect } from '@jest/globals';
import { Point, ORDER, NE, NS } from './group.js';
import {
  ArcCredentialRequestMessage,
  ArcError,
  ArcToken,
  ArcTokenChallenge,
  Credential,
  CredentialRequest,
  CredentialResponse,
  DeserializeError,
  Presentation,
  ServerPrivateKey,
  ServerPublicKey,
  arcTokenLength,
  parseArcAuthorization,
  parseArcWWWAuthenticate,
  presentationLength,
  CREDENTIAL_REQUEST_LENGTH,
  CREDENTIAL_RESPONSE_LENGTH,
  CREDENTIAL_LENGTH,
  SERVER_PUBLIC_KEY_LENGTH,
  SERVER_PRIVATE_KEY_LENGTH,
} from './index.js';

const P = Point.Fp.ORDER;
const be = (v: bigint, n: number) => {
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
};
const good = Point.BASE.multiply(12345n).toBytes(true);
const goodScalar = be(5n, NS);

function offCurve(): Uint8Array {
  for (let x = 1n; ; x++) {
    const e = new Uint8Array([0x02, ...be(x, 32)]);
    try {
      Point.fromBytes(e);
    } catch {
      return e;
    }
  }
}
function nonCanonical(): Uint8Array {
  for (let x = 1n; x < 1000n; x++) {
    try {
      Point.fromBytes(new Uint8Array([0x02, ...be(x, 32)]));
    } catch {
      continue;
    }
    return new Uint8Array([0x02, ...be(x + P, 32)]);
  }
  throw new Error('no small valid x');
}

const BAD_ELEMENTS: Array<[string, Uint8Array, string]> = [
  ['identity (all zero)', new Uint8Array(NE), 'identity_element'],
  ['0x04 tag at compressed length', new Uint8Array([0x04, ...good.subarray(1)]), 'non_canonical_element'],
  ['bad tag 0x05', new Uint8Array([0x05, ...good.subarray(1)]), 'invalid_element'],
  ['x not reduced mod p', nonCanonical(), 'non_canonical_element'],
  ['x = 2^256 - 1', new Uint8Array([0x03, ...new Uint8Array(32).fill(0xff)]), 'non_canonical_element'],
  ['point off the curve', offCurve(), 'invalid_element'],
];
const BAD_SCALARS: Array<[string, Uint8Array]> = [
  ['order', be(ORDER, NS)],
  ['order + 1', be(ORDER + 1n, NS)],
  ['2^256 - 1', new Uint8Array(NS).fill(0xff)],
];

function expectCode(f: () => unknown, code?: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DeserializeError);
  if (code) expect((caught as ArcError).code).toBe(code);
}

interface Layout {
  name: string;
  parse: (b: Uint8Array) => unknown;
  length: number;
  elements: number[];
  scalars: number[];
  nonZeroScalars?: number[];
}

const LIMIT = 4; // k = 2 bit commitments
const k = 2;
const LAYOUTS: Layout[] = [
  {
    name: 'ServerPublicKey',
    parse: (b) => ServerPublicKey.deserialize(b),
    length: SERVER_PUBLIC_KEY_LENGTH,
    elements: [0, 33, 66],
    scalars: [],
  },
  {
    name: 'ServerPrivateKey',
    parse: (b) => ServerPrivateKey.deserialize(b),
    length: SERVER_PRIVATE_KEY_LENGTH,
    elements: [],
    scalars: [0, 32, 64, 96],
    nonZeroScalars: [0, 32, 64, 96],
  },
  {
    name: 'CredentialRequest',
    parse: (b) => CredentialRequest.deserialize(b),
    length: CREDENTIAL_REQUEST_LENGTH,
    elements: [0, 33],
    scalars: [66, 98, 130, 162, 194],
  },
  {
    name: 'CredentialResponse',
    parse: (b) => CredentialResponse.deserialize(b),
    length: CREDENTIAL_RESPONSE_LENGTH,
    elements: [0, 33, 66, 99, 132, 165],
    scalars: Array.from({ length: 8 }, (_, i) => 198 + 32 * i),
  },
  {
    name: 'Credential',
    parse: (b) => Credential.deserialize(b),
    length: CREDENTIAL_LENGTH,
    elements: [32, 65, 98],
    scalars: [0],
    nonZeroScalars: [0],
  },
  {
    name: 'Presentation (limit 4)',
    parse: (b) => Presentation.deserialize(b, LIMIT),
    length: presentationLength(LIMIT),
    elements: Array.from({ length: 5 + k }, (_, i) => 33 * i),
    scalars: Array.from({ length: 6 + 3 * k }, (_, i) => 33 * (5 + k) + 32 * i),
  },
];

function wellFormed(l: Layout): Uint8Array {
  const b = new Uint8Array(l.length);
  for (const off of l.elements) b.set(good, off);
  for (const off of l.scalars) b.set(goodScalar, off);
  return b;
}

describe.each(LAYOUTS)('$name', (l) => {
  it('a well-formed encoding parses (structure only)', () => {
    expect(() => l.parse(wellFormed(l))).not.toThrow();
  });
  it('every truncation and a trailing byte are refused', () => {
    const w = wellFormed(l);
    for (let cut = 0; cut < w.length; cut++) expectCode(() => l.parse(w.subarray(0, cut)));
    expectCode(() => l.parse(new Uint8Array([...w, 0])), 'trailing_bytes');
  });
  it.each(BAD_ELEMENTS)('refuses %s in every element field', (_n, el, code) => {
    for (const off of l.elements) {
      const b = wellFormed(l);
      b.set(el, off);
      expectCode(() => l.parse(b), code);
    }
  });
  it.each(BAD_SCALARS)('refuses scalar = %s in every scalar field', (_n, s) => {
    for (const off of l.scalars) {
      const b = wellFormed(l);
      b.set(s, off);
      expectCode(() => l.parse(b), 'invalid_scalar');
    }
  });
  it('refuses a zero secret scalar where the draft requires [1, order-1]', () => {
    for (const off of l.nonZeroScalars ?? []) {
      const b = wellFormed(l);
      b.set(new Uint8Array(NS), off);
      expectCode(() => l.parse(b), 'invalid_scalar');
    }
  });
});

describe('protocol messages', () => {
  const req = new Uint8Array([0xe5, 0xac, 0x07, ...wellFormed(LAYOUTS[2])]);
  it('CredentialRequest message: type, length and contents are checked', () => {
    expect(() => ArcCredentialRequestMessage.deserialize(req)).not.toThrow();
    expectCode(
      () => ArcCredentialRequestMessage.deserialize(new Uint8Array([0x00, 0x01, ...req.subarray(2)])),
      'unsupported_token_type',
    );
    expectCode(() => ArcCredentialRequestMessage.deserialize(req.subarray(1)), 'truncated');
    expectCode(() => ArcCredentialRequestMessage.deserialize(new Uint8Array([...req, 1])), 'trailing_bytes');
  });
  it('Token: type, length and the presentation inside are checked', () => {
    const t = new Uint8Array(arcTokenLength(LIMIT));
    t.set([0xe5, 0xac]);
    t.set(wellFormed(LAYOUTS[5]), 70);
    expect(() => ArcToken.deserialize(t, LIMIT)).not.toThrow();
    expectCode(
      () => ArcToken.deserialize(new Uint8Array([0x00, 0x02, ...t.subarray(2)]), LIMIT),
      'unsupported_token_type',
    );
    expectCode(() => ArcToken.deserialize(new Uint8Array([...t, 0]), LIMIT), 'trailing_bytes');
    // Parsed for limit 8 (k = 3), a limit-4 token has the wrong length.
    expectCode(() => ArcToken.deserialize(t, 8));
    const bad = Uint8Array.from(t);
    bad.set(new Uint8Array(NE), 70);
    expectCode(() => ArcToken.deserialize(bad, LIMIT), 'identity_element');
  });
  it('TokenChallenge: contexts must be 0 or 32 bytes, names printable ASCII', () => {
    const ok = new ArcTokenChallenge({ issuerName: 'i.example', credentialContext: new Uint8Array(32) }).serialize();
    expect(ArcTokenChallenge.deserialize(ok).credentialContext.length).toBe(32);
    const badCtx = Uint8Array.from(ok);
    badCtx[ok.length - 33] = 31;
    expectCode(() => ArcTokenChallenge.deserialize(badCtx.subarray(0, ok.length - 1)), 'invalid_context');
    expectCode(() => ArcTokenChallenge.deserialize(new Uint8Array([...ok, 0])), 'trailing_bytes');
    expectCode(
      () => ArcTokenChallenge.deserialize(new Uint8Array([0xe5, 0xac, 0, 1, 0x07, 0, 0, 0, 0])),
      'invalid_string',
    );
    expect(() => new ArcTokenChallenge({ issuerName: 'x', redemptionContext: new Uint8Array(5) })).toThrow(ArcError);
  });
  it('headers: malformed base64url, duplicate parameters and bad rate-limit are refused', () => {
    expectCode(() => parseArcAuthorization('PrivateToken token="abc"', LIMIT), 'invalid_base64url');
    expectCode(() => parseArcAuthorization('PrivateToken token="AAAA", token="AAAA"', LIMIT), 'invalid_header');
    expectCode(() => parseArcAuthorization('Bearer x', LIMIT), 'invalid_header');
    const ch = new ArcTokenChallenge({ issuerName: 'i' }).serialize();
    const b64 = btoa(String.fromCharCode(...ch))
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expectCode(() => parseArcWWWAuthenticate(`PrivateToken challenge="${b64}", rate-limit=1`), 'invalid_header');
    expectCode(() => parseArcWWWAuthenticate(`PrivateToken challenge="${b64}", rate-limit=02`), 'invalid_header');
    expect(parseArcWWWAuthenticate(`PrivateToken challenge="${b64}", rate-limit=10`)[0].rateLimit).toBe(10);
  });
});
