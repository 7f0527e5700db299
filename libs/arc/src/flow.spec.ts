// Issue → present → verify, through the crypto API and the Privacy Pass
// protocol layer: round trips for several limits, the client-side limit,
// unlinkability smoke test, and tampering with every field.
import { describe, it, expect } from '@jest/globals';
import { generatorG, ORDER } from './group.js';
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
  ServerPrivateKey,
  ServerPublicKey,
  VerifyError,
  arcPresentationState,
  buildArcAuthorization,
  buildArcWWWAuthenticate,
  computeBases,
  createArcCredentialRequest,
  createArcToken,
  createCredentialRequest,
  createCredentialResponse,
  deriveServerKeyPair,
  finalizeCredential,
  issueArcCredential,
  parseArcAuthorization,
  parseArcWWWAuthenticate,
  ArcCredentialResponseMessage,
  presentationLength,
  verifyArcToken,
  verifyPresentation,
  arcDirectoryEntry,
  parseArcDirectoryKeys,
} from './index.js';
import { padSeed, seededRng, toHex } from './test-rng.spec-helper.js';

const rng = seededRng(padSeed('flow tests'));
const { privateKey: sk, publicKey: pk } = deriveServerKeyPair(padSeed('flow issuer key'));
const enc = (s: string) => new TextEncoder().encode(s);
const requestContext = enc('request context');

function issue(): Credential {
  const { request, secrets } = createCredentialRequest(requestContext, rng);
  const req = CredentialRequest.deserialize(request.serialize());
  const res = CredentialResponse.deserialize(createCredentialResponse(sk, pk, req, rng).serialize());
  return Credential.deserialize(finalizeCredential(secrets, pk, request, res).serialize());
}

function expectFail(f: () => unknown, ctor: new (...a: never[]) => ArcError = VerifyError): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ctor);
}

const credential = issue();

describe('computeBases (draft-ietf-privacypass-arc-crypto §5.4)', () => {
  it.each([2, 3, 4, 5, 7, 8, 9, 100, 1000, 2 ** 32])(
    'limit %p: bases sum to limit-1 and every nonce decomposes',
    (limit) => {
      const bases = computeBases(limit);
      expect(bases.reduce((a, b) => a + b, 0)).toBe(limit - 1);
      expect([...bases].sort((a, b) => b - a)).toEqual(bases);
      expect(bases.length).toBe(Math.ceil(Math.log2(limit)));
    },
  );
  it.each([0, 1, -1, 1.5, 2 ** 32 + 1, NaN])('refuses limit %p', (limit) => {
    expect(() => computeBases(limit)).toThrow(ArcError);
  });
});

describe('round trip issue → present → verify', () => {
  it.each([2, 3, 5, 8])('limit %p: every nonce verifies, wire round-trips, then the state refuses', (limit) => {
    const ctx = enc(`presentation context ${limit}`);
    const state = new PresentationState(credential, ctx, limit);
    const tags = new Set<string>();
    for (let i = 0; i < limit; i++) {
      const { nonce, presentation } = state.present(rng);
      expect(nonce).toBe(i);
      const wire = presentation.serialize();
      expect(wire.length).toBe(presentationLength(limit));
      const parsed = Presentation.deserialize(wire, limit);
      const tag = verifyPresentation(sk, pk, requestContext, ctx, parsed, limit);
      tags.add(toHex(tag));
    }
    // Distinct nonces give distinct tags; the server's double-spend table sees each once.
    expect(tags.size).toBe(limit);
    expect(() => state.present(rng)).toThrow(LimitExceededError);
    expect(() => state.present(rng)).toThrow(LimitExceededError);
  });

  it('the same state never repeats a nonce, and a restored state continues where it stopped', () => {
    const ctx = enc('restore');
    const s = PresentationState.restore(credential, ctx, 4, 3);
    expect(s.present(rng).nonce).toBe(3);
    expect(() => s.present(rng)).toThrow(LimitExceededError);
    expect(() => PresentationState.restore(credential, ctx, 4, 5)).toThrow(ArcError);
  });

  it('a presentation does not verify under another context, request context, key, or limit', () => {
    const ctx = enc('ctx A');
    const { presentation } = new PresentationState(credential, ctx, 4).present(rng);
    expectFail(() => verifyPresentation(sk, pk, requestContext, enc('ctx B'), presentation, 4));
    expectFail(() => verifyPresentation(sk, pk, enc('other request ctx'), ctx, presentation, 4));
    const other = deriveServerKeyPair(padSeed('another key'));
    expectFail(() => verifyPresentation(other.privateKey, other.publicKey, requestContext, ctx, presentation, 4));
    expectFail(() => verifyPresentation(sk, pk, requestContext, ctx, presentation, 3));
  });
});

describe('unlinkability smoke test (draft-ietf-privacypass-arc-crypto §7.3)', () => {
  it('two presentations of one credential in two contexts share no 8-byte window in tag, commitments or proof', () => {
    const a = new PresentationState(credential, enc('context one'), 8).present(rng).presentation;
    const b = new PresentationState(credential, enc('context two'), 8).present(rng).presentation;
    // Both use nonce 0: only the contexts differ, yet nothing repeats.
    const wa = a.serialize();
    const wb = b.serialize();
    expect(wa.length).toBe(wb.length);
    const windows = new Set<string>();
    for (let i = 0; i + 8 <= wa.length; i++) windows.add(toHex(wa.subarray(i, i + 8)));
    for (let i = 0; i + 8 <= wb.length; i++) expect(windows.has(toHex(wb.subarray(i, i + 8)))).toBe(false);
    // Element by element, beyond the SEC1 prefix byte.
    const els = (p: Presentation) =>
      [p.U, p.UPrimeCommit, p.m1Commit, p.tag, p.nonceCommit, ...p.D].map((e) => toHex(e.toBytes(true).subarray(1)));
    const ea = new Set(els(a));
    for (const e of els(b)) expect(ea.has(e)).toBe(false);
    const sa = new Set([a.challenge, ...a.responses].map(String));
    for (const s of [b.challenge, ...b.responses]) expect(sa.has(String(s))).toBe(false);
    // And neither shows the credential's own U or UPrime.
    for (const p of [a, b]) {
      expect(p.U.equals(credential.U)).toBe(false);
      expect(p.UPrimeCommit.equals(credential.UPrime)).toBe(false);
    }
  });
});

describe('tampering with each field fails verification', () => {
  const limit = 5;
  const ctx = enc('tamper');
  const { presentation: p } = new PresentationState(credential, ctx, limit).present(rng);
  const verify = (q: Presentation) => verifyPresentation(sk, pk, requestContext, ctx, q, limit);
  const two = (e: typeof p.U) => e.add(generatorG);
  const rebuild = (over: Partial<Record<string, unknown>>) => {
    const f = { ...p, D: [...p.D], responses: [...p.responses], ...over } as unknown as Presentation;
    return new Presentation(limit, f.U, f.UPrimeCommit, f.m1Commit, f.tag, f.nonceCommit, [...f.D], f.challenge, [
      ...f.responses,
    ]);
  };

  it('the untouched presentation verifies', () => {
    expect(verify(p).length).toBe(33);
  });
  it.each(['U', 'UPrimeCommit', 'm1Commit', 'tag', 'nonceCommit'] as const)('%s', (field) => {
    expectFail(() => verify(rebuild({ [field]: two(p[field]) })));
  });
  it.each([0, 1, 2])('D[%p]', (i) => {
    const D = [...p.D];
    D[i] = two(D[i]);
    expectFail(() => verify(rebuild({ D })));
  });
  it('challenge', () => {
    expectFail(() => verify(rebuild({ challenge: (p.challenge + 1n) % ORDER })));
  });
  it.each(Array.from({ length: 5 + 3 * 3 }, (_, i) => i))('responses[%p]', (i) => {
    const responses = [...p.responses];
    responses[i] = (responses[i] + 1n) % ORDER;
    expectFail(() => verify(rebuild({ responses })));
  });
  it('every single-bit flip of the wire form is refused with a typed error', () => {
    const wire = p.serialize();
    for (let pos = 0; pos < wire.length; pos += 17) {
      const bad = Uint8Array.from(wire);
      bad[pos] ^= 1 << (pos % 8);
      let caught: unknown;
      try {
        verify(Presentation.deserialize(bad, limit));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ArcError);
    }
  });

  it('issuance: a tampered request or response proof is refused', () => {
    const { request, secrets } = createCredentialRequest(requestContext, rng);
    const badReq = request.serialize();
    badReq[badReq.length - 1] ^= 1;
    expectFail(() => createCredentialResponse(sk, pk, CredentialRequest.deserialize(badReq), rng));
    const res = createCredentialResponse(sk, pk, request, rng).serialize();
    for (const pos of [0, 33 * 6 - 1, 33 * 6, res.length - 1]) {
      const bad = Uint8Array.from(res);
      bad[pos] ^= 2;
      let caught: unknown;
      try {
        finalizeCredential(secrets, pk, request, CredentialResponse.deserialize(bad));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ArcError);
    }
    // A response from another key does not finalize against this key.
    const other = deriveServerKeyPair(padSeed('other'));
    const foreign = createCredentialResponse(other.privateKey, other.publicKey, request, rng);
    expectFail(() => finalizeCredential(secrets, pk, request, foreign));
  });
});

describe('Privacy Pass protocol layer (draft-ietf-privacypass-arc-protocol)', () => {
  const challenge = new ArcTokenChallenge({
    issuerName: 'issuer.unlinked.example',
    originInfo: ['forum.unlinked.example'],
    redemptionContext: new Uint8Array(32).fill(7),
    credentialContext: new Uint8Array(32).fill(9),
  });
  const limit = 3;

  it('directory entry, challenge header, issuance messages, token header, verification and double-spend tag', () => {
    const dir = JSON.stringify({
      'issuer-request-uri': 'https://issuer.example/request',
      'token-keys': [{ 'token-type': 1, 'token-key': 'AAAA' }, arcDirectoryEntry({ publicKey: pk, notBefore: 1 })],
    });
    const parsedDir = parseArcDirectoryKeys(dir);
    expect(parsedDir.keys).toHaveLength(1);
    expect(parsedDir.keys[0].publicKey.equals(pk)).toBe(true);

    const header = buildArcWWWAuthenticate({ challenge, tokenKey: pk, rateLimit: limit });
    const [params] = parseArcWWWAuthenticate(`Basic realm="x", ${header}`);
    expect(params.rateLimit).toBe(limit);
    expect(params.tokenKey?.equals(pk)).toBe(true);

    const { message, request, secrets } = createArcCredentialRequest(params.challenge, params.tokenKey!, rng);
    const resBytes = issueArcCredential(message.serialize(), sk, pk, rng).serialize();
    const cred = finalizeCredential(secrets, pk, request, ArcCredentialResponseMessage.deserialize(resBytes).response);

    const state = arcPresentationState(cred, params.challenge, pk, params.rateLimit!);
    const seen = new Set<string>();
    for (let i = 0; i < limit; i++) {
      const token = createArcToken(state, params.challengeBytes, pk, { rng });
      expect(token.presentationNonce).toBe(0);
      const auth = buildArcAuthorization(token);
      const parsed = parseArcAuthorization(auth, limit);
      const tag = toHex(verifyArcToken(parsed, ArcTokenChallenge.deserialize(params.challengeBytes), limit, sk, pk));
      expect(seen.has(tag)).toBe(false);
      seen.add(tag);
    }
    expect(() => createArcToken(state, params.challengeBytes, pk, { rng })).toThrow(LimitExceededError);
  });

  it('a token does not verify for another challenge or key; a wrong truncated key id is refused', () => {
    const { message, request, secrets } = createArcCredentialRequest(challenge, pk, rng);
    const cred = finalizeCredential(
      secrets,
      pk,
      request,
      issueArcCredential(message.serialize(), sk, pk, rng).response,
    );
    const token = createArcToken(arcPresentationState(cred, challenge, pk, limit), challenge.serialize(), pk, {
      rng,
      revealNonce: true,
    });
    const other = new ArcTokenChallenge({ issuerName: 'issuer.unlinked.example', originInfo: ['other.example'] });
    expect(() => verifyArcToken(token, other, limit, sk, pk)).toThrow(VerifyError);
    const k2 = deriveServerKeyPair(padSeed('k2'));
    expect(() => verifyArcToken(token, challenge, limit, k2.privateKey, k2.publicKey)).toThrow(VerifyError);
    const wire = message.serialize();
    wire[2] ^= 0xff;
    expect(() => issueArcCredential(wire, sk, pk, rng)).toThrow(ArcError);
    // A changed credential_context changes request_context: the credential no longer matches.
    const moved = new ArcTokenChallenge({
      issuerName: challenge.issuerName,
      originInfo: [...challenge.originInfo],
      redemptionContext: challenge.redemptionContext,
      credentialContext: new Uint8Array(32),
    });
    const t2 = createArcToken(arcPresentationState(cred, moved, pk, limit), moved.serialize(), pk, { rng });
    expect(() => verifyArcToken(t2, moved, limit, sk, pk)).toThrow(VerifyError);
    expect(ArcToken.deserialize(token.serialize(), limit).presentationNonce).toBe(0);
  });

  it('keys survive serialization', () => {
    expect(ServerPublicKey.deserialize(pk.serialize()).equals(pk)).toBe(true);
    expect(toHex(ServerPrivateKey.deserialize(sk.serialize()).serialize())).toBe(toHex(sk.serialize()));
  });
});
