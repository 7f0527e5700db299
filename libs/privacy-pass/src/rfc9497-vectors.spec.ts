// RFC 9497 Appendix A.4.2: OPRF(P-384, SHA-384) in VOPRF mode, run through
// the same noble entry points the library uses, with the proof randomness pinned.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { voprf } from './group.js';
import { nobleRng } from './group.js';
import { hex, mockScalar, queueRng, toHex } from './test-rng.spec-helper.js';

const V = JSON.parse(readFileSync(new URL('../test-vectors/rfc9497-p384-voprf.json', import.meta.url), 'utf8'));

describe('RFC 9497 A.4.2 P384-SHA384 VOPRF vectors', () => {
  it('DeriveKeyPair(Seed, KeyInfo) gives skSm/pkSm', () => {
    const k = voprf.deriveKeyPair(hex(V.Seed), hex(V.KeyInfo));
    expect(toHex(k.secretKey)).toBe(V.skSm);
    expect(toHex(k.publicKey)).toBe(V.pkSm);
  });

  for (const t of V.tests) {
    it(`${t.name}: blind, evaluate (pinned proof), finalize, evaluate are byte-equal`, () => {
      const sk = hex(V.skSm);
      const pk = hex(V.pkSm);
      const n = t.Input.length;
      for (let i = 0; i < n; i++) {
        const b = voprf.blind(hex(t.Input[i]), nobleRng(queueRng([mockScalar(hex(t.Blind[i]))])));
        expect(toHex(b.blind)).toBe(t.Blind[i]);
        expect(toHex(b.blinded)).toBe(t.BlindedElement[i]);
      }
      const ev = voprf.blindEvaluateBatch(
        sk,
        pk,
        t.BlindedElement.map(hex),
        nobleRng(queueRng([mockScalar(hex(t.ProofRandomScalar))])),
      );
      expect(ev.evaluated.map(toHex)).toEqual(t.EvaluationElement);
      expect(toHex(ev.proof)).toBe(t.Proof);
      const out = voprf.finalizeBatch(
        t.Input.map((x: string, i: number) => ({
          input: hex(x),
          blind: hex(t.Blind[i]),
          evaluated: hex(t.EvaluationElement[i]),
          blinded: hex(t.BlindedElement[i]),
        })),
        pk,
        hex(t.Proof),
      );
      expect(out.map(toHex)).toEqual(t.Output);
      for (let i = 0; i < n; i++) expect(toHex(voprf.evaluate(sk, hex(t.Input[i])))).toBe(t.Output[i]);
    });
  }
});

describe('RFC 9497 A.4.2 vectors through the library Issuer', () => {
  it('Issuer.evaluate / evaluateBatch reproduce EvaluationElement and Proof byte-exact', async () => {
    const { Issuer, TokenRequest, BatchedTokenRequest, truncatedTokenKeyId } = await import('./index.js');
    const keys = { secretKey: hex(V.skSm), publicKey: hex(V.pkSm) };
    const tid = truncatedTokenKeyId(keys.publicKey);
    for (const t of V.tests) {
      const rng = queueRng([mockScalar(hex(t.ProofRandomScalar))]);
      const issuer = new Issuer(keys, { randomBytes: rng });
      if (t.Input.length === 1) {
        const res = issuer.evaluate(new TokenRequest(tid, hex(t.BlindedElement[0])));
        expect(toHex(res.evaluateMsg)).toBe(t.EvaluationElement[0]);
        expect(toHex(res.evaluateProof)).toBe(t.Proof);
      } else {
        const res = issuer.evaluateBatch(new BatchedTokenRequest(tid, t.BlindedElement.map(hex)));
        expect(res.evaluatedElements.map(toHex)).toEqual(t.EvaluationElement);
        expect(toHex(res.evaluatedProof)).toBe(t.Proof);
      }
    }
  });
});
