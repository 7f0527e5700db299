// Property: arbitrary input never crashes a parser with anything but a typed
// PrivacyPassError (no TypeError/RangeError/noble errors leaking through).
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BatchedTokenRequest,
  BatchedTokenResponse,
  IssuerDirectory,
  PrivacyPassError,
  PrivateTokenHeader,
  Token,
  TokenChallenge,
  TokenRequest,
  TokenResponse,
  base64urlDecode,
  NE,
} from './index.js';

function typedOrOk(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof PrivacyPassError) return true;
    throw e;
  }
}

const parsers: Array<[string, (b: Uint8Array) => unknown]> = [
  ['TokenChallenge', (b) => TokenChallenge.deserialize(b)],
  ['TokenRequest', (b) => TokenRequest.deserialize(b)],
  ['TokenResponse', (b) => TokenResponse.deserialize(b)],
  ['Token', (b) => Token.deserialize(b)],
  ['BatchedTokenRequest', (b) => BatchedTokenRequest.deserialize(b)],
  ['BatchedTokenResponse', (b) => BatchedTokenResponse.deserialize(b)],
];

// Bias towards plausible prefixes so the fuzzer gets past the first checks.
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x00, 0x01, ...b])),
  fc.uint8Array({ minLength: NE, maxLength: NE }).map((b) => new Uint8Array([0x00, 0x01, 0x00, ...b])),
  fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x00, 0x01, 0x00, 0x40, NE * 2, ...b])),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([NE, 0x02, ...b])),
);

describe('parsers never throw untyped errors', () => {
  it.each(parsers)('%s', (_name, parse) => {
    fc.assert(
      fc.property(bytesArb, (b) => typedOrOk(() => parse(b))),
      { numRuns: 400 },
    );
  });

  it('base64url, headers and directory JSON', () => {
    const str = fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[A-Za-z0-9_\-=]{0,80}$/));
    fc.assert(
      fc.property(str, (s) => {
        typedOrOk(() => base64urlDecode(s));
        typedOrOk(() => PrivateTokenHeader.parseAuthorization(s));
        typedOrOk(() => PrivateTokenHeader.parseAuthorization(`PrivateToken token="${s}"`));
        typedOrOk(() => PrivateTokenHeader.parseWWWAuthenticate(s));
        typedOrOk(() => PrivateTokenHeader.parseWWWAuthenticate(`PrivateToken challenge="${s}", token-key=${s}`));
        typedOrOk(() => IssuerDirectory.deserialize(s));
        return true;
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => typedOrOk(() => IssuerDirectory.fromJSON(v))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) =>
        typedOrOk(() =>
          IssuerDirectory.fromJSON({
            'issuer-request-uri': 'https://i.example/r',
            'token-keys': [{ 'token-type': a, 'token-key': b }],
          }),
        ),
      ),
      { numRuns: 300 },
    );
  });
});
