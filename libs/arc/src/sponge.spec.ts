// draft-irtf-cfrg-fiat-shamir §8: the duplex sponges, against the draft's own
// duplexSpongeVectors.json (all SHAKE128; "Expected" is the last squeeze).
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { KeccakDuplexSponge, Shake128Sponge, paddedIv } from './sponge.js';
import { InputValidationError } from './errors.js';
import { hex, toHex } from './test-rng.spec-helper.js';

interface SpongeVector {
  DuplexSponge: string;
  Expected: string;
  IV: string;
  Operations: Array<{ type: 'absorb'; data: string } | { type: 'squeeze'; length: number }>;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/specs/arc/duplexSpongeVectors.json', import.meta.url), 'utf8'),
) as Record<string, SpongeVector>;

describe('SHAKE128 duplex sponge (draft-irtf-cfrg-fiat-shamir §8.1)', () => {
  const entries = Object.entries(vectors);
  it('has the vectors', () => {
    expect(entries.length).toBe(9);
  });

  it.each(entries)('%s', (_name, v) => {
    expect(v.DuplexSponge).toBe('SHAKE128');
    const s = new Shake128Sponge(hex(v.IV));
    let last: Uint8Array = new Uint8Array(0);
    for (const op of v.Operations) {
      if (op.type === 'absorb') s.absorb(hex(op.data));
      else last = s.squeeze(op.length);
    }
    expect(toHex(last)).toBe(v.Expected);
  });

  it('squeeze does not consume: two squeezes return the same prefix', () => {
    const s = new Shake128Sponge(paddedIv('x'));
    s.absorb(Uint8Array.of(1, 2, 3));
    expect(toHex(s.squeeze(16))).toBe(toHex(s.squeeze(32).subarray(0, 16)));
  });

  it('refuses a wrong-size IV and bad lengths with a typed error', () => {
    expect(() => new Shake128Sponge(new Uint8Array(63))).toThrow(InputValidationError);
    expect(() => new KeccakDuplexSponge(new Uint8Array(65))).toThrow(InputValidationError);
    expect(() => new Shake128Sponge(new Uint8Array(64)).squeeze(-1)).toThrow(InputValidationError);
  });
});

// The draft ships no vectors for the overwrite-mode Keccak sponge. These were
// produced by running the reference KeccakDuplexSponge (poc duplex_sponge.sage
// with its keccak.py) on the same operations; see the README.
const KECCAK_CROSS_CHECK: Array<[string, string, Array<string | number>, string]> = [
  [
    'empty squeeze 32',
    '6b656363616b2d746573742d31000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
    [32],
    'bea5b45d18f5296ba34063a01e8a722e9211bf769c0dccfebef00b2b2adc31b4',
  ],
  [
    'absorb short, squeeze 64',
    '6b656363616b2d746573742d32000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
    ['68656c6c6f206b656363616b', 64],
    'e4f8ecac54410f99dc7a5c42ae3ee6968dbb5a1d6a96be326fb35eb156c4d5e7d5aed816e46d76a6c864fc476d0119521242ae0006ba42e7ab9382c6dd80b250',
  ],
  [
    'absorb 300 bytes, squeeze 300',
    '6b656363616b2d746573742d33000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
    [
      '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
      300,
    ],
    '239e449075ad64572aa8c317a27e7928f6215eaa998346af68bd9d4120ce1844a7998a159a15967ed0f6bc6ce30530f688ac7d1e94ba9da6667892dd93efc39cf5e75528f36b56950b89e170fc097d0bb3ff5a4a5feef98395d30f34b938621ee2198c4c19873122babfe5c0a45f362342285d6c29cb33f28d0cf584bc678776daabe3713e27567e70d6103da3ee55642fffdac6f412578d09e75f7be44edbedfe5aef8dbcc62131e52b111410090272a0c154c7271f6b8672bd120e9614697f68c59e1376ac1bd0c5fc09ff8c2da0f2cc02ada765963fe392a730417c1eb05625c12451593c9310355f3b9e84a95318eedc7891ee03b6580ef947fac1700a68f957a1c660dadee070aa2a0f29c149ba685a66527b25312e28059ac5f56cdc566c4a32923793d364406f55f3',
  ],
  [
    'interleaved',
    '6b656363616b2d746573742d34000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
    [
      '616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161',
      10,
      '6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262',
      140,
      '',
      5,
    ],
    '947a37038d55dcac7416be4b6cf8eeff35d7ddf8e513772d12fbdf160a6dbb3c9ab4fc7c294bb5885ccdd8be23dbde4a6154276295c6bf50608bb26c97b548be5534180847cec724f35d31e1ea6bb8df4b51f0be7983e0ee272b8a51fe298d1570f5cd5404274492785b9e94c3fbc311fb9661fbdb776265d36e6c2134dd4f9ea26c9801e96b475aff228f13c43fe28ededa92e52d59e9ce0ee7a1',
  ],
  [
    'exactly one rate',
    '6b656363616b2d746573742d35000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
    [
      'abababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab',
      136,
      1,
    ],
    '9e0d94809a735f7ac042fea57274235ff0a053d9446544d0476b12da17d52de032e3b803ab393d4f5685d662f18b554870e35f74ea4ae54dab1fadd9f6adbb78de214fd3a8f1340ddd44ddf8cada6d4d5a5f3a87a7054544d0854ded223f9d7054e9231892d709decfd55ece3850720cb01ed6be2dd90793d3609daac5e99a77bb81dcbda0d3cd1f7d',
  ],
];

describe('Keccak-f[1600] overwrite duplex sponge (draft-irtf-cfrg-fiat-shamir §8.2)', () => {
  it.each(KECCAK_CROSS_CHECK)('%s', (_name, iv, ops, expected) => {
    const s = new KeccakDuplexSponge(hex(iv));
    const out: string[] = [];
    for (const op of ops) {
      if (typeof op === 'string') s.absorb(hex(op));
      else out.push(toHex(s.squeeze(op)));
    }
    expect(out.join('')).toBe(expected);
  });
});
