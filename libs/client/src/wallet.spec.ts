import { describe, expect, it } from '@jest/globals';
import {
  base64urlDecode,
  base64urlEncode,
  BatchedTokenRequest,
  deriveTokenKeyPair,
  Issuer,
  IssuerDirectory,
  TOKEN_TYPE_VOPRF,
  TokenChallenge,
  Client,
} from '@unlinked/privacy-pass';
import { ApiError } from './errors.js';
import { pendingIssuance, pendingRequest } from './pending-issuance.js';
import { MemoryStore, recordingTransport, type SentRequest } from './testing.spec-helper.js';
import { checkedIssuerKey, fillWallet } from './wallet.js';

const key = deriveTokenKeyPair(new Uint8Array(32).fill(7), { companyId: 'acme-id', kind: 'post', epoch: 1 });
const ISSUER = 'acme.post.issuer.unlinked.example';
const directory = new IssuerDirectory(`https://${ISSUER}/token-request`, [
  { tokenType: TOKEN_TYPE_VOPRF, tokenKey: key.publicKey, notBefore: 0 },
]);

/**
 * The API as the wallet sees it: the public directory over HTTP and issuerKeys over GraphQL, naming `challenge`;
 * anything else `other` answers.
 */
function api(challenge: TokenChallenge, other?: (req: SentRequest) => unknown) {
  return recordingTransport((req: SentRequest) =>
    other && !req.url.endsWith('/issuer-directory') && !req.body?.query.includes('issuerKeys')
      ? other(req)
      : req.url.endsWith('/issuer-directory')
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

describe('recoverable issuance (issue 13: a reload mid-fill lost the batch)', () => {
  const challenge = new TokenChallenge({ issuerName: ISSUER, originInfo: ['unlinked.example'] });

  it('keeps a request with its blinding state and key, and restores both byte for byte', () => {
    const { request, state } = new Client().createBatchedTokenRequest(challenge, key.publicKey, 3);
    const fields = { company: 'acme', kind: 'post' as const, epoch: 1, keyId: 'k', matureAt: '2026-01-01T00:00:00Z' };
    const kept = pendingIssuance(fields, request, state);
    expect(base64urlDecode(kept.id)).toHaveLength(16);
    expect(pendingIssuance(fields, request, state).id).not.toBe(kept.id);
    // What a store keeps is plain JSON (the CLI's wallet file), and comes back as the same request and state.
    const restored = pendingRequest(JSON.parse(JSON.stringify(kept)));
    expect(restored.body).toEqual(request.serialize());
    expect(restored.state).toEqual(state);
    expect(() => pendingRequest({ ...kept, request: 'AAAA' })).toThrow();
  });

  /**
   * An issuer that charges once per Idempotency-Key (the identity side's contract) and whose first answer is lost
   * on the way (the page closed, the connection dropped) after it charged.
   */
  function issuerLosingFirstAnswer(quota: number, lose = true) {
    const issuer = new Issuer(key);
    const seen = new Map<string, string>();
    let issued = 0;
    let lost = 0;
    const keys: string[] = [];
    const respond = (req: SentRequest): unknown => {
      if (req.body?.query.includes('tokenQuota')) {
        return {
          data: {
            tokenQuota: [
              { kind: 'Post', epoch: 1, issued, quota, remaining: quota - issued, resetsAt: '2099-01-01T00:00:00Z' },
            ],
          },
        };
      }
      const body = req.init.body as Uint8Array;
      const idem = req.headers['idempotency-key'];
      keys.push(idem);
      const request = BatchedTokenRequest.deserialize(body);
      if (seen.get(idem) === undefined) {
        issued += request.count;
        seen.set(idem, base64urlEncode(body));
      } else if (seen.get(idem) !== base64urlEncode(body)) {
        return new Response(JSON.stringify({ code: 'IDEMPOTENCY_KEY_REUSED' }), { status: 422 });
      }
      const answer = issuer.evaluateBatch(request).serialize();
      if (lose && lost++ === 0) throw new TypeError('connection lost');
      return new Response(answer as BodyInit, { status: 200 });
    };
    return { respond, keys, seen, issued: () => issued };
  }

  it('sends a request whose answer was lost again with the same key at the next fill: no token lost', async () => {
    const store = new MemoryStore();
    const issuer = issuerLosingFirstAnswer(25);
    const http = api(challenge, issuer.respond);
    const opts = { session: 's', company: 'acme', kind: 'post' as const, batchSize: 10, store, transport: http };
    const e = await fillWallet(opts).catch((err: unknown) => err);
    expect((e as ApiError).code).toBe('NETWORK_ERROR');
    // Charged for 10, none kept yet: the request waits in the store with its state.
    expect([issuer.issued(), store.tokens.length, store.pending.size]).toEqual([10, 0, 1]);
    const [waiting] = store.pending.values();

    // The next start: the same request first (the same key, so not charged again), then the rest of the quota.
    expect(await fillWallet(opts)).toBe(25);
    expect(issuer.keys[1]).toBe(waiting.id);
    expect(new Set(issuer.keys).size).toBe(3);
    expect([issuer.issued(), store.tokens.length, store.pending.size]).toEqual([25, 25, 0]);
    expect(new Set(store.tokens.map((t) => t.token)).size).toBe(25);
  });

  it('forgets a kept request the issuer refuses for good, and fills the rest', async () => {
    const store = new MemoryStore();
    const issuer = issuerLosingFirstAnswer(5, false);
    const http = api(challenge, issuer.respond);
    const { request, state } = new Client().createBatchedTokenRequest(challenge, key.publicKey, 2);
    const fields = { company: 'acme', kind: 'post' as const, epoch: 1, keyId: 'k', matureAt: '2026-01-01T00:00:00Z' };
    const stale = pendingIssuance(fields, request, state);
    await store.putPendingRequest(stale);
    // The issuer saw this key with another request: it will never answer this one, and the quota is still whole.
    issuer.seen.set(stale.id, 'another request');
    await expect(fillWallet({ session: 's', company: 'acme', kind: 'post', store, transport: http })).resolves.toBe(5);
    expect([store.pending.size, store.tokens.length]).toEqual([0, 5]);
  });
});
