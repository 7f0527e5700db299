// Limit-1 mode (a deviation from draft-ietf-privacypass-arc-crypto, which
// defines limits >= 2 only): the nonce is always 0, the presentation proves
// that nonceCommit opens to 0 (a Schnorr proof of its blinding) instead of a
// range proof. One credential has exactly one tag per context.
import { describe, it, expect } from '@jest/globals';
import {
  ArcError,
  ArcToken,
  ArcTokenChallenge,
  Credential,
  CredentialRequest,
  CredentialResponse,
  LimitExceededError,
  Presentation,
  PresentationState,
  VerifyError,
  arcPresentationState,
  computeBases,
  createArcCredentialRequest,
  issueArcCredential,
  createArcToken,
  createCredentialRequest,
  createCredentialResponse,
  deriveServerKeyPair,
  finalizeCredential,
  presentationLength,
  verifyArcToken,
  verifyPresentation,
} from './index.js';
import { generatorG } from './group.js';
import { padSeed, seededRng, toHex } from './test-rng.spec-helper.js';

const rng = seededRng(padSeed('limit-1 tests'));
const { privateKey: sk, publicKey: pk } = deriveServerKeyPair(padSeed('limit-1 issuer key'));
const enc = (s: string) => new TextEncoder().encode(s);
const requestContext = enc('request context');

function issue(): Credential {
  const { request, secrets } = createCredentialRequest(requestContext, rng);
  const res = createCredentialResponse(sk, pk, CredentialRequest.deserialize(request.serialize()), rng);
  return finalizeCredential(secrets, pk, request, CredentialResponse.deserialize(res.serialize()));
}

const credential = issue();

describe('ARC limit-1 mode', () => {
  it('presents once, verifies, round-trips on the wire with no bit commitments, then the state refuses', () => {
    const ctx = enc('vote:item-1');
    const state = new PresentationState(credential, ctx, 1);
    const { nonce, presentation } = state.present(rng);
    expect(nonce).toBe(0);
    expect(presentation.D).toHaveLength(0);
    expect(presentation.responses).toHaveLength(4);
    const wire = presentation.serialize();
    expect(wire.length).toBe(presentationLength(1));
    expect(wire.length).toBe(5 * 33 + 5 * 32);
    const tag = verifyPresentation(sk, pk, requestContext, ctx, Presentation.deserialize(wire, 1), 1);
    expect(tag).toEqual(presentation.tagBytes());
    expect(() => state.present(rng)).toThrow(LimitExceededError);
  });

  it('a second presentation in the same context (a fresh state, as a cheating client would) has the same tag', () => {
    const ctx = enc('vote:item-2');
    const a = new PresentationState(credential, ctx, 1).present(rng).presentation;
    const b = new PresentationState(credential, ctx, 1).present(rng).presentation;
    expect(toHex(a.serialize())).not.toBe(toHex(b.serialize()));
    const ta = verifyPresentation(sk, pk, requestContext, ctx, a, 1);
    const tb = verifyPresentation(sk, pk, requestContext, ctx, b, 1);
    expect(toHex(ta)).toBe(toHex(tb));
  });

  it('two contexts give different tags and share no element, challenge or response', () => {
    const a = new PresentationState(credential, enc('vote:x'), 1).present(rng).presentation;
    const b = new PresentationState(credential, enc('vote:y'), 1).present(rng).presentation;
    const els = (p: Presentation) =>
      [p.U, p.UPrimeCommit, p.m1Commit, p.tag, p.nonceCommit].map((e) => toHex(e.toBytes(true)));
    const ea = new Set(els(a));
    for (const e of els(b)) expect(ea.has(e)).toBe(false);
    const sa = new Set([a.challenge, ...a.responses].map(String));
    for (const s of [b.challenge, ...b.responses]) expect(sa.has(String(s))).toBe(false);
  });

  it('two credentials in one context give different tags', () => {
    const ctx = enc('vote:z');
    const other = issue();
    const ta = new PresentationState(credential, ctx, 1).present(rng).presentation.tagBytes();
    const tb = new PresentationState(other, ctx, 1).present(rng).presentation.tagBytes();
    expect(toHex(ta)).not.toBe(toHex(tb));
  });

  it('refuses wrong context, request context, key, limit and tampering', () => {
    const ctx = enc('flag:abc');
    const p = new PresentationState(credential, ctx, 1).present(rng).presentation;
    const fails = (f: () => unknown) => expect(f).toThrow(ArcError);
    fails(() => verifyPresentation(sk, pk, requestContext, enc('flag:abd'), p, 1));
    fails(() => verifyPresentation(sk, pk, enc('other'), ctx, p, 1));
    const other = deriveServerKeyPair(padSeed('another'));
    fails(() => verifyPresentation(other.privateKey, other.publicKey, requestContext, ctx, p, 1));
    fails(() => verifyPresentation(sk, pk, requestContext, ctx, p, 2));
    fails(() => Presentation.deserialize(p.serialize(), 2));
    // A tag for nonce 1 (what a limit-2 client would make) cannot pass as a limit-1 presentation.
    const forged = new Presentation(
      1,
      p.U,
      p.UPrimeCommit,
      p.m1Commit,
      p.tag.add(generatorG),
      p.nonceCommit,
      [],
      p.challenge,
      [...p.responses],
    );
    expect(() => verifyPresentation(sk, pk, requestContext, ctx, forged, 1)).toThrow(VerifyError);
    const shifted = new Presentation(
      1,
      p.U,
      p.UPrimeCommit,
      p.m1Commit,
      p.tag,
      p.nonceCommit.add(generatorG),
      [],
      p.challenge,
      [...p.responses],
    );
    expect(() => verifyPresentation(sk, pk, requestContext, ctx, shifted, 1)).toThrow(VerifyError);
  });

  it('a limit-2 presentation of nonce 0 does not verify as limit 1 (different statement and label)', () => {
    const ctx = enc('ctx');
    const p2 = new PresentationState(credential, ctx, 2).present(rng).presentation;
    expect(() => verifyPresentation(sk, pk, requestContext, ctx, p2, 1)).toThrow(ArcError);
  });

  it('ComputeBases still refuses 1 (the draft function); the protocol layer carries limit-1 tokens', () => {
    expect(() => computeBases(1)).toThrow(ArcError);
    const challenge = new ArcTokenChallenge({
      issuerName: 'issuer.example',
      originInfo: ['arc.acme.issuer.example'],
      redemptionContext: new Uint8Array(32).fill(7),
    });
    const { message, request: req, secrets: sec } = createArcCredentialRequest(challenge, pk, rng);
    const response = issueArcCredential(message.serialize(), sk, pk, rng);
    const cred = finalizeCredential(sec, pk, req, response.response);
    const token = createArcToken(arcPresentationState(cred, challenge, pk, 1), challenge.serialize(), pk, { rng });
    const parsed = ArcToken.deserialize(token.serialize(), 1);
    const tag = verifyArcToken(parsed, challenge, 1, sk, pk);
    expect(tag.length).toBe(33);
  });
});
