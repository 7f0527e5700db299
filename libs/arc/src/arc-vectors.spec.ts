// draft-ietf-privacypass-arc-crypto §10: every value of allVectors.json
// (ARCV1-P256). Deterministic values are byte-exact; every proof in the file
// verifies; and this library's own proofs, driven by the draft's seeded PRNG
// (seed "test vector seed", draft-irtf-cfrg-sigma-protocols Appendix A.1),
// reproduce the file byte for byte.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { generatorG, generatorH, hashToScalar, serializeElement, serializeScalar, deserializeScalar } from './group.js';
import {
  CredentialRequest,
  CredentialResponse,
  createCredentialRequest,
  createCredentialResponse,
  finalizeCredential,
} from './issuance.js';
import { deriveServerKeyPair, ServerPublicKey, setupServer } from './keys.js';
import { Presentation, PresentationState, verifyPresentation } from './presentation.js';
import { hex, padSeed, seededRng, toHex } from './test-rng.spec-helper.js';

const all = JSON.parse(
  readFileSync(new URL('../../../../shared/specs/arc/allVectors.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, Record<string, string>>>;
const V = all['ARCV1-P256'];
const LIMIT = 2; // the reference test_arc.sage uses presentation_limit = 2
const el = (p: Parameters<typeof serializeElement>[0]) => toHex(serializeElement(p));
const sc = (k: bigint) => toHex(serializeScalar(k));
const scalarOf = (h: string) => deserializeScalar(hex(h), 'vector');

/** Runs the reference flow (test_arc.sage main) with the seeded PRNG. */
function replay() {
  const rng = seededRng(padSeed('test vector seed'));
  const keys = setupServer(rng);
  const requestContext = hex(V.CredentialRequest.request_context);
  const { request, secrets } = createCredentialRequest(requestContext, rng);
  const response = createCredentialResponse(keys.privateKey, keys.publicKey, request, rng);
  const credential = finalizeCredential(secrets, keys.publicKey, request, response);
  const presentationContext = hex(V.Presentation1.presentation_context);
  const state = new PresentationState(credential, presentationContext, LIMIT);
  const p1 = state.present(rng);
  const p2 = state.present(rng);
  return { keys, requestContext, request, secrets, response, credential, presentationContext, state, p1, p2 };
}

describe('allVectors.json ARCV1-P256', () => {
  const run = replay();

  it('ServerKey: deterministic from the seed, byte-exact', () => {
    const v = V.ServerKey;
    const derived = deriveServerKeyPair(padSeed('test vector seed'));
    for (const k of [run.keys, derived]) {
      expect(sc(k.privateKey.x0)).toBe(v.x0);
      expect(sc(k.privateKey.x1)).toBe(v.x1);
      expect(sc(k.privateKey.x2)).toBe(v.x2);
      expect(sc(k.privateKey.x0Blinding)).toBe(v.xb);
      expect(el(k.publicKey.X0)).toBe(v.X0);
      expect(el(k.publicKey.X1)).toBe(v.X1);
      expect(el(k.publicKey.X2)).toBe(v.X2);
    }
    expect(toHex(run.keys.publicKey.serialize())).toBe(v.X0 + v.X1 + v.X2);
  });

  it('CredentialRequest: secrets, encryptions and proof byte-exact', () => {
    const v = V.CredentialRequest;
    expect(sc(run.secrets.m1)).toBe(v.m1);
    expect(sc(run.secrets.m2)).toBe(v.m2);
    expect(sc(hashToScalar(hex(v.request_context), 'requestContext'))).toBe(v.m2);
    expect(sc(run.secrets.r1)).toBe(v.r1);
    expect(sc(run.secrets.r2)).toBe(v.r2);
    expect(el(run.request.m1Enc)).toBe(v.m1_enc);
    expect(el(run.request.m2Enc)).toBe(v.m2_enc);
    expect(toHex(run.request.requestProof)).toBe(v.proof);
    expect(toHex(run.request.serialize())).toBe(v.m1_enc + v.m2_enc + v.proof);
  });

  it('CredentialRequest: the vector proof verifies', () => {
    const v = V.CredentialRequest;
    expect(CredentialRequest.deserialize(hex(v.m1_enc + v.m2_enc + v.proof)).verifyProof()).toBe(true);
  });

  it('CredentialResponse: elements and proof byte-exact', () => {
    const v = V.CredentialResponse;
    const b = scalarOf(v.b);
    expect(el(generatorG.multiply(b))).toBe(v.U);
    expect(el(generatorH.multiply(b))).toBe(v.H_aux);
    expect(el(run.response.U)).toBe(v.U);
    expect(el(run.response.encUPrime)).toBe(v.enc_U_prime);
    expect(el(run.response.X0Aux)).toBe(v.X0_aux);
    expect(el(run.response.X1Aux)).toBe(v.X1_aux);
    expect(el(run.response.X2Aux)).toBe(v.X2_aux);
    expect(el(run.response.HAux)).toBe(v.H_aux);
    expect(toHex(run.response.responseProof)).toBe(v.proof);
  });

  it('CredentialResponse: the vector proof verifies against the vector key and request', () => {
    const v = V.CredentialResponse;
    const r = V.CredentialRequest;
    const pk = ServerPublicKey.deserialize(hex(V.ServerKey.X0 + V.ServerKey.X1 + V.ServerKey.X2));
    const request = CredentialRequest.deserialize(hex(r.m1_enc + r.m2_enc + r.proof));
    const response = CredentialResponse.deserialize(
      hex(v.U + v.enc_U_prime + v.X0_aux + v.X1_aux + v.X2_aux + v.H_aux + v.proof),
    );
    expect(response.verifyProof(pk, request)).toBe(true);
    expect(toHex(response.serialize())).toBe(v.U + v.enc_U_prime + v.X0_aux + v.X1_aux + v.X2_aux + v.H_aux + v.proof);
  });

  it('Credential: byte-exact', () => {
    const v = V.Credential;
    expect(sc(run.credential.m1)).toBe(v.m1);
    expect(el(run.credential.U)).toBe(v.U);
    expect(el(run.credential.UPrime)).toBe(v.U_prime);
    expect(el(run.credential.X1)).toBe(v.X1);
  });

  it.each([
    ['Presentation1', 0],
    ['Presentation2', 1],
  ] as const)('%s: elements, tag, range proof and proof byte-exact; the vector verifies', (name, i) => {
    const v = V[name];
    const { nonce, presentation } = i === 0 ? run.p1 : run.p2;
    expect('0x' + nonce.toString(16)).toBe(v.nonce);
    const cred = run.credential;
    const a = scalarOf(v.a);
    expect(el(cred.U.multiply(a))).toBe(v.U);
    expect(el(presentation.U)).toBe(v.U);
    expect(el(presentation.UPrimeCommit)).toBe(v.U_prime_commit);
    expect(el(cred.UPrime.multiply(a).add(generatorG.multiply(scalarOf(v.r))))).toBe(v.U_prime_commit);
    expect(el(presentation.m1Commit)).toBe(v.m1_commit);
    expect(el(presentation.U.multiply(cred.m1).add(generatorH.multiply(scalarOf(v.z))))).toBe(v.m1_commit);
    expect(el(presentation.nonceCommit)).toBe(v.nonce_commit);
    expect(el(presentation.tag)).toBe(v.tag);
    expect(presentation.D.length).toBe(1);
    expect(el(presentation.D[0])).toBe(v.D_0);
    const wire = presentation.serialize();
    expect(toHex(wire.subarray(5 * 33))).toBe(v.proof);

    const fromVector = Presentation.deserialize(
      hex(v.U + v.U_prime_commit + v.m1_commit + v.tag + v.nonce_commit + v.proof),
      LIMIT,
    );
    expect(toHex(fromVector.serialize())).toBe(toHex(wire));
    const sk = run.keys.privateKey;
    const pk = run.keys.publicKey;
    const tag = verifyPresentation(sk, pk, run.requestContext, hex(v.presentation_context), fromVector, LIMIT);
    expect(toHex(tag)).toBe(v.tag);
  });

  it('the presentation state is used up after the limit', () => {
    expect(run.state.remaining).toBe(0);
    expect(() => run.state.present(seededRng(padSeed('x')))).toThrow('presentation limit');
  });
});
