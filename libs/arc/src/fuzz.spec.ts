// Property: arbitrary input never makes a parser throw anything but a typed
// ArcError (no TypeError/RangeError or noble errors leaking through).
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ArcCredentialRequestMessage,
  ArcCredentialResponseMessage,
  ArcError,
  ArcToken,
  ArcTokenChallenge,
  Credential,
  CredentialRequest,
  CredentialResponse,
  Presentation,
  ServerPrivateKey,
  ServerPublicKey,
  base64urlDecode,
  parseArcAuthorization,
  parseArcDirectoryKeys,
  parseArcWWWAuthenticate,
} from './index.js';
import { Point } from './group.js';

function typedOrOk(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof ArcError) return true;
    throw e;
  }
}

const G = Point.BASE.toBytes(true);
const parsers: Array<[string, (b: Uint8Array) => unknown]> = [
  ['ServerPublicKey', (b) => ServerPublicKey.deserialize(b)],
  ['ServerPrivateKey', (b) => ServerPrivateKey.deserialize(b)],
  ['CredentialRequest', (b) => CredentialRequest.deserialize(b)],
  ['CredentialResponse', (b) => CredentialResponse.deserialize(b)],
  ['Credential', (b) => Credential.deserialize(b)],
  ['Presentation(2)', (b) => Presentation.deserialize(b, 2)],
  ['Presentation(5)', (b) => Presentation.deserialize(b, 5)],
  ['ArcTokenChallenge', (b) => ArcTokenChallenge.deserialize(b)],
  ['ArcCredentialRequestMessage', (b) => ArcCredentialRequestMessage.deserialize(b)],
  ['ArcCredentialResponseMessage', (b) => ArcCredentialResponseMessage.deserialize(b)],
  ['ArcToken(2)', (b) => ArcToken.deserialize(b, 2)],
];

// Mostly the right length and plausible element prefixes, so the fuzzer gets past the length checks.
const sized = (n: number) =>
  fc.oneof(
    fc.uint8Array({ minLength: n, maxLength: n }),
    fc.uint8Array({ minLength: n, maxLength: n }).map((b) => {
      const out = Uint8Array.from(b);
      for (let off = 0; off + 33 <= n; off += 33) if (off % 66 === 0) out.set(G, off);
      return out;
    }),
  );
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 700 }),
  sized(99),
  sized(128),
  sized(226),
  sized(454),
  sized(131),
  sized(486),
  sized(198 + 33 + 288),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xe5, 0xac, ...b])),
);

describe('parsers only ever throw ArcError', () => {
  it.each(parsers)('%s', (_name, parse) => {
    fc.assert(
      fc.property(bytesArb, (b) => typedOrOk(() => parse(b))),
      { numRuns: 300 },
    );
  });
  it('header, base64url and directory parsers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        typedOrOk(() => parseArcAuthorization(s, 2));
        typedOrOk(() => parseArcAuthorization(`PrivateToken token="${s}"`, 2));
        typedOrOk(() => parseArcWWWAuthenticate(s));
        typedOrOk(() => parseArcWWWAuthenticate(`PrivateToken challenge="${s}", rate-limit=${s}`));
        typedOrOk(() => base64urlDecode(s));
        typedOrOk(() => parseArcDirectoryKeys(s));
        return true;
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.json(), (j) => typedOrOk(() => parseArcDirectoryKeys(j))),
      { numRuns: 300 },
    );
  });
  it('non-Uint8Array and odd limits from JS callers', () => {
    for (const v of [undefined, null, 'x', 5, {}, [1, 2]]) {
      for (const [, parse] of parsers) typedOrOk(() => parse(v as unknown as Uint8Array));
    }
    for (const lim of [0, 1, -3, 2.5, NaN, Infinity, 2 ** 40]) {
      typedOrOk(() => Presentation.deserialize(new Uint8Array(10), lim));
      typedOrOk(() => ArcToken.deserialize(new Uint8Array(10), lim));
    }
  });
});
