/**
 * Test-only: the seeded PRNG that made the drafts' vectors
 * (draft-irtf-cfrg-sigma-protocols Appendix A.1, reference `TestDRNG`):
 * SHAKE128 over a 168-byte first block holding the 64-byte IV
 * "sigma-proofs/TestDRNG/SHAKE128" (zero-padded), then the 32-byte seed;
 * every read continues the output stream where the previous one stopped.
 * Written against @noble/hashes directly, independently of sponge.ts.
 */
import { shake128 } from '@noble/hashes/sha3.js';

export function seededRng(seed: Uint8Array): (length: number) => Uint8Array {
  if (seed.length !== 32) throw new Error('seed must be exactly 32 bytes');
  const h = shake128.create();
  const block = new Uint8Array(168);
  block.set(new TextEncoder().encode('sigma-proofs/TestDRNG/SHAKE128'));
  h.update(block);
  h.update(seed);
  return (length: number) => (length === 0 ? new Uint8Array(0) : h.xof(length));
}

/** `label.ljust(32, b"\0")` */
export function padSeed(label: string): Uint8Array {
  const out = new Uint8Array(32);
  out.set(new TextEncoder().encode(label));
  return out;
}

export function hex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
