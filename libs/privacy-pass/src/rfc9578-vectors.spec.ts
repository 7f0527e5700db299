// RFC 9578 Appendix A.1: issuance protocol 1, VOPRF(P-384, SHA-384).
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Client, Issuer, Origin, Token, TokenChallenge, TokenRequest, TokenResponse, tokenKeyId, NE } from './index.js';
import { hex, mockScalar, queueRng, toHex } from './test-rng.spec-helper.js';

const V = JSON.parse(readFileSync(new URL('../test-vectors/rfc9578-type1-voprf.json', import.meta.url), 'utf8'));

describe('RFC 9578 A.1 issuance protocol 1 vectors', () => {
  V.vectors.forEach((v: Record<string, string>, idx: number) => {
    it(`vector ${idx + 1}: request, response element, token byte-exact; proof and token verify`, () => {
      const keys = { secretKey: hex(v.skS), publicKey: hex(v.pkS) };
      const challengeBytes = hex(v.token_challenge);
      const challenge = TokenChallenge.deserialize(challengeBytes);
      expect(toHex(challenge.serialize())).toBe(v.token_challenge);

      const client = new Client({ randomBytes: queueRng([hex(v.nonce), mockScalar(hex(v.blind))]) });
      const { request, state } = client.createTokenRequest(challenge, keys.publicKey);
      expect(toHex(request.serialize())).toBe(v.token_request);
      expect(toHex(TokenRequest.deserialize(hex(v.token_request)).serialize())).toBe(v.token_request);

      // The vector's proof used unpinned randomness (RFC 9578 A.1), so: our
      // evaluated element must match, and the vector's own response must finalize.
      const issuer = new Issuer(keys);
      const ours = issuer.evaluate(TokenRequest.deserialize(request.serialize()));
      expect(toHex(ours.evaluateMsg)).toBe(v.token_response.slice(0, 2 * NE));

      const theirs = TokenResponse.deserialize(hex(v.token_response));
      expect(toHex(theirs.serialize())).toBe(v.token_response);
      const token = client.finalize(theirs, state);
      expect(toHex(token.serialize())).toBe(v.token);
      expect(toHex(client.finalize(ours, state).serialize())).toBe(v.token);

      const parsed = Token.deserialize(hex(v.token));
      expect(toHex(parsed.tokenKeyId)).toBe(toHex(tokenKeyId(keys.publicKey)));
      expect(parsed.tokenKeyId[31]).toBe(request.truncatedTokenKeyId);
      const res = new Origin().verify(parsed, challengeBytes, [keys]);
      expect(res.keyIndex).toBe(0);
    });
  });
});
