import { describe, expect, it } from '@jest/globals';
import {
  base64urlEncode,
  deriveTokenKeyPair,
  IssuerDirectory,
  TOKEN_TYPE_VOPRF,
  TokenChallenge,
} from '@unlinked/privacy-pass';
import { ApiError } from './errors.js';
import { recordingTransport, type SentRequest } from './testing.spec-helper.js';
import { checkedIssuerKey } from './wallet.js';

const key = deriveTokenKeyPair(new Uint8Array(32).fill(7), { companyId: 'acme-id', kind: 'post', epoch: 1 });
const ISSUER = 'acme.post.issuer.unlinked.example';
const directory = new IssuerDirectory(`https://${ISSUER}/token-request`, [
  { tokenType: TOKEN_TYPE_VOPRF, tokenKey: key.publicKey, notBefore: 0 },
]);

/** The API as the wallet sees it: the public directory over HTTP and issuerKeys over GraphQL, naming `challenge`. */
function api(challenge: TokenChallenge) {
  return recordingTransport((req: SentRequest) =>
    req.url.endsWith('/issuer-directory')
      ? directory.toJSON()
      : {
          data: {
            issuerKeys: {
              company: 'acme',
              kind: 'Post',
              issuerRequestUri: directory.issuerRequestUri,
              directory: directory.serialize(),
              tokenKeys: [
                {
                  tokenType: TOKEN_TYPE_VOPRF,
                  tokenKey: base64urlEncode(key.publicKey),
                  tokenKeyId: base64urlEncode(key.tokenKeyId),
                  notBefore: 0,
                },
              ],
              challenge: base64urlEncode(challenge.serialize()),
              wwwAuthenticate: '',
            },
          },
        },
  ).transport;
}

describe('checkedIssuerKey (rule 8, RFC 9578 §4)', () => {
  it("accepts a challenge whose issuer name is the directory's issuer", async () => {
    const challenge = new TokenChallenge({ issuerName: ISSUER, originInfo: ['unlinked.example'] });
    const checked = await checkedIssuerKey('acme', 'post', api(challenge));
    expect(checked.publicKey).toEqual(key.publicKey);
    expect(checked.challenge).toEqual(challenge.serialize());
  });

  it('keeps no key when the challenge names another issuer than the public directory', async () => {
    for (const issuerName of ['unlinked.example', 'globex.post.issuer.unlinked.example']) {
      const challenge = new TokenChallenge({ issuerName, originInfo: ['unlinked.example'] });
      const e = await checkedIssuerKey('acme', 'post', api(challenge)).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('KEY_MISMATCH');
    }
  });
});
