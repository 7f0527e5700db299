// Cross-implementation check of batched issuance crypto (one DLEQ proof over
// Nr elements) against raphaelrobert/privacypass vectors. Their framing is the
// pre-WG draft (type 0xF901, 2-byte lengths), decoded here by hand; see
// test-vectors/README.md.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { voprf, nobleRng } from './group.js';
import { NE, PROOF_LENGTH } from './constants.js';
import { hex, mockScalar, queueRng, toHex } from './test-rng.spec-helper.js';

const V = JSON.parse(readFileSync(new URL('../test-vectors/batched-p384-legacy-f901.json', import.meta.url), 'utf8'));

describe('batched P-384 vectors (legacy 0xF901 framing)', () => {
  V.vectors.forEach((v: Record<string, string & string[]>, idx: number) => {
    it(`vector ${idx + 1}: blinded elements, batch proof verification and authenticators match`, () => {
      const pk = hex(v.pk_s);
      const keyId = sha256(pk);
      const digest = sha256(hex(v.token_challenge));
      const req = hex(v.token_request);
      const nr = v.nonces.length;
      expect((req[3] << 8) | req[4]).toBe(nr * NE);
      expect(req[2]).toBe(keyId[31]);
      const inputs = v.nonces.map((n: string) => new Uint8Array([0xf9, 0x01, ...hex(n), ...digest, ...keyId]));
      const blinded = inputs.map(
        (inp: Uint8Array, i: number) => voprf.blind(inp, nobleRng(queueRng([mockScalar(hex(v.blinds[i]))]))).blinded,
      );
      expect(blinded.map(toHex).join('')).toBe(toHex(req.subarray(5)));

      const res = hex(v.token_response);
      const evaluated = Array.from({ length: nr }, (_, i) => res.slice(2 + i * NE, 2 + (i + 1) * NE));
      const proof = res.slice(2 + nr * NE);
      expect(proof.length).toBe(PROOF_LENGTH);
      const outs = voprf.finalizeBatch(
        inputs.map((input: Uint8Array, i: number) => ({
          input,
          blind: hex(v.blinds[i]),
          evaluated: evaluated[i],
          blinded: blinded[i],
        })),
        pk,
        proof,
      );
      outs.forEach((o, i) => expect(toHex(o)).toBe(v.tokens[i].slice(-2 * 48)));
      // Our own batch evaluation yields the same elements.
      const ours = voprf.blindEvaluateBatch(hex(v.sk_s), pk, blinded);
      expect(ours.evaluated.map(toHex)).toEqual(evaluated.map(toHex));
    });
  });
});
