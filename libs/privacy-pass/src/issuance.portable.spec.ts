/**
 * Round-trip and tamper tests against the PUBLIC API only. This file must stay
 * free of Node APIs and deep imports so a bundler can run it unchanged in
 * headless Chromium against the browser build (see README, "Browser hook").
 */
import { describe, it, expect } from '@jest/globals';
import {
  BatchedTokenRequest,
  BatchedTokenResponse,
  Client,
  Issuer,
  Origin,
  PrivacyPassError,
  PrivateTokenHeader,
  Token,
  TokenChallenge,
  TokenRequest,
  TokenResponse,
  VerifyError,
  deriveTokenKeyPair,
  NE,
  PROOF_LENGTH,
  TOKEN_LENGTH,
} from './index.js';

const seed = new Uint8Array(32).fill(7);
const key = deriveTokenKeyPair(seed, { companyId: 'acme', kind: 'post', epoch: 42 });
const otherKey = deriveTokenKeyPair(seed, { companyId: 'acme', kind: 'post', epoch: 41 });
const challenge = new TokenChallenge({
  issuerName: 'issuer.unlinked.example',
  redemptionContext: new Uint8Array(32).fill(1),
  originInfo: ['unlinked.example'],
});

function expectPPError(f: () => unknown, kinds: Array<PrivacyPassError['kind']>): PrivacyPassError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PrivacyPassError);
  expect(kinds).toContain((caught as PrivacyPassError).kind);
  return caught as PrivacyPassError;
}

describe('single issuance round trip over the wire', () => {
  const client = new Client();
  const issuer = new Issuer(key);
  const origin = new Origin();

  it('issues a token that the Origin verifies with the right key', () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const wireReq = TokenRequest.deserialize(request.serialize());
    expect(wireReq.truncatedTokenKeyId).toBe(issuer.truncatedTokenKeyId);
    const wireRes = TokenResponse.deserialize(issuer.evaluate(wireReq).serialize());
    const token = client.finalize(wireRes, state);
    const header = PrivateTokenHeader.buildAuthorization(token);
    const received = PrivateTokenHeader.parseAuthorization(header);
    const ok = origin.verify(received, challenge, [otherKey, key]);
    expect(ok.keyIndex).toBe(1);
    expect(ok.tokenKeyId).toEqual(issuer.tokenKeyId);
    expect(received.serialize().length).toBe(TOKEN_LENGTH);
  });

  it('uses a fresh nonce and blind each time', () => {
    const a = client.createTokenRequest(challenge, key.publicKey);
    const b = client.createTokenRequest(challenge, key.publicKey);
    expect(a.state.nonce).not.toEqual(b.state.nonce);
    expect(a.request.blindedMsg).not.toEqual(b.request.blindedMsg);
  });

  it('rejects a response proven under another key', () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const rogue = new Issuer(otherKey);
    const forged = new TokenRequest(rogue.truncatedTokenKeyId, request.blindedMsg);
    const res = rogue.evaluate(forged);
    const err = expectPPError(() => client.finalize(res, state), ['verify']);
    expect(err.code).toBe('proof_invalid');
  });

  it('rejects a token against a different challenge or without its key', () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const token = client.finalize(issuer.evaluate(request), state);
    const other = new TokenChallenge({ issuerName: 'issuer.unlinked.example' });
    expect(expectPPError(() => origin.verify(token, other, [key]), ['verify']).code).toBe('challenge_mismatch');
    expect(expectPPError(() => origin.verify(token, challenge, [otherKey]), ['verify']).code).toBe('unknown_key_id');
    // Right public key id but wrong secret: authenticator must not verify.
    const wrongSecret = { publicKey: key.publicKey, secretKey: otherKey.secretKey };
    expect(expectPPError(() => origin.verify(token, challenge, [wrongSecret]), ['verify']).code).toBe(
      'authenticator_mismatch',
    );
  });

  it('rejects every single-byte tamper of the response (proof and evaluated element)', () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const wire = issuer.evaluate(request).serialize();
    expect(wire.length).toBe(NE + PROOF_LENGTH);
    for (let i = 0; i < wire.length; i++) {
      const t = Uint8Array.from(wire);
      t[i] ^= 0x01;
      expectPPError(() => client.finalize(TokenResponse.deserialize(t), state), ['deserialize', 'verify']);
    }
  });

  it('rejects every single-byte tamper of the token (type, nonce, digest, key id, authenticator)', () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const wire = client.finalize(issuer.evaluate(request), state).serialize();
    for (let i = 0; i < wire.length; i++) {
      const t = Uint8Array.from(wire);
      t[i] ^= 0x80;
      const err = expectPPError(() => origin.verify(Token.deserialize(t), challenge, [key]), ['deserialize', 'verify']);
      if (i < 2) expect(err.code).toBe('unsupported_token_type');
      else expect(err).toBeInstanceOf(VerifyError);
    }
  });
});

describe('batched issuance round trip', () => {
  const client = new Client();
  const issuer = new Issuer(key, { maxBatchSize: 32 });
  const origin = new Origin();

  it.each([1, 2, 10, 32])('issues %i tokens with one proof', (n) => {
    const { request, state } = client.createBatchedTokenRequest(challenge, key.publicKey, n);
    const wireReq = BatchedTokenRequest.deserialize(request.serialize());
    expect(wireReq.count).toBe(n);
    const wireRes = BatchedTokenResponse.deserialize(issuer.evaluateBatch(wireReq).serialize());
    const tokens = client.finalizeBatch(wireRes, state);
    expect(tokens).toHaveLength(n);
    expect(new Set(tokens.map((t) => t.nonce.join())).size).toBe(n);
    for (const t of tokens) expect(origin.verify(Token.deserialize(t.serialize()), challenge, [key]).keyIndex).toBe(0);
  });

  it('refuses batches above the limit', () => {
    const { request } = client.createBatchedTokenRequest(challenge, key.publicKey, 33);
    expect(expectPPError(() => issuer.evaluateBatch(request), ['input']).code).toBe('batch_too_large');
  });

  it('rejects a response with a swapped, dropped or tampered element', () => {
    const { request, state } = client.createBatchedTokenRequest(challenge, key.publicKey, 3);
    const res = issuer.evaluateBatch(request);
    const [a, b, c] = res.evaluatedElements;
    expectPPError(
      () => client.finalizeBatch(new BatchedTokenResponse([b, a, c], res.evaluatedProof), state),
      ['verify'],
    );
    expectPPError(() => client.finalizeBatch(new BatchedTokenResponse([a, b], res.evaluatedProof), state), ['verify']);
    const wire = res.serialize();
    for (let i = 1; i < wire.length; i += 7) {
      const t = Uint8Array.from(wire);
      t[i] ^= 0x02;
      expectPPError(() => client.finalizeBatch(BatchedTokenResponse.deserialize(t), state), ['deserialize', 'verify']);
    }
  });
});
