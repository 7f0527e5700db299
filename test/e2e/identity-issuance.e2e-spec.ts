import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  base64urlDecode,
  base64urlEncode,
  Client,
  IssuerDirectory,
  BatchedTokenResponse,
  MEDIA_TYPES,
  Origin,
  TokenResponse,
} from '@unlinked/privacy-pass';
import { SessionsService, TokenEvaluator, IdentityMaintenanceService } from '@unlinked/identity';
import { IssuerKeysService, TokenKind } from '@unlinked/platform';
import { Redis } from 'ioredis';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/test-database.js';

describe('issuer: quotas, wire format, keys (real PostgreSQL, Redis, HTTP)', () => {
  let api: TestApi;
  let keys: IssuerKeysService;
  let evaluations = 0;
  const client = new Client();

  beforeAll(async () => {
    // Workers on only for the maintenance service; no mail is sent here.
    api = await startTestApi({ RUN_WORKERS: 'true', ISSUANCE_MAX_BATCH: '32', BOARD_MIN_VERIFIED: '3' });
    keys = api.app.get(IssuerKeysService);
    // Count evaluations, to show that refused requests evaluate nothing.
    const evaluator = api.app.get(TokenEvaluator);
    const original = evaluator.evaluate.bind(evaluator);
    evaluator.evaluate = (task) => {
      evaluations++;
      return original(task);
    };
  });

  afterAll(async () => {
    await api?.close();
  });

  async function companyId(slug: string): Promise<string> {
    const [row] = (await api.dataSource.query(`SELECT id FROM companies WHERE slug = $1`, [slug])) as { id: string }[];
    return row.id;
  }

  /** A verified account of `slug` with a session (the attester itself is tested in identity-attester). */
  async function member(
    slug: string,
    verifiedOn = 'current_date',
  ): Promise<{ accountId: string; auth: Record<string, string> }> {
    const [{ id }] = (await api.dataSource.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on) VALUES ($1, $2, ${verifiedOn}) RETURNING id`,
      [randomBytes(32), await companyId(slug)],
    )) as { id: string }[];
    const { token } = await api.app.get(SessionsService).create(id);
    return { accountId: id, auth: { authorization: `Bearer ${token}` } };
  }

  async function directoryKey(slug: string, kind: string): Promise<Uint8Array> {
    const res = await fetch(`${api.url}/privacy-pass/${slug}/${kind}/issuer-directory`);
    return IssuerDirectory.deserialize(await res.text()).currentKey()!.tokenKey;
  }

  function post(path: string, type: string, body: Uint8Array, headers: Record<string, string> = {}) {
    return fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': type },
      body: Buffer.from(body),
    });
  }

  async function issuedRows(accountId: string) {
    return (await api.dataSource.query(`SELECT kind, issued FROM issuance_counts WHERE account_id = $1 ORDER BY kind`, [
      accountId,
    ])) as { kind: string; issued: number }[];
  }

  it('never issues more than the quota under 50 concurrent batch requests', async () => {
    const { accountId, auth } = await member('alibaba');
    const publicKey = await directoryKey('alibaba', 'post');
    const challenge = keys.challengeFor('alibaba', TokenKind.Post);
    const batches = Array.from({ length: 50 }, () => client.createBatchedTokenRequest(challenge, publicKey, 3));
    const responses = await Promise.all(
      batches.map((b) =>
        post(
          '/privacy-pass/alibaba/post/batch-token-request',
          MEDIA_TYPES.batchedTokenRequest,
          b.request.serialize(),
          auth,
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBe(13); // 13 × 3 = 39 ≤ 40 < 42
    expect(statuses.filter((s) => s === 429).length).toBe(37);
    expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 39 }]);
    // One more single token fits exactly; then 429.
    const one = client.createTokenRequest(challenge, publicKey);
    const last = await post(
      '/privacy-pass/alibaba/post/token-request',
      MEDIA_TYPES.tokenRequest,
      one.request.serialize(),
      auth,
    );
    expect(last.status).toBe(200);
    expect(last.headers.get('content-type')).toBe(MEDIA_TYPES.tokenResponse);
    const token = client.finalize(TokenResponse.deserialize(new Uint8Array(await last.arrayBuffer())), one.state);
    new Origin().verify(token, challenge, keys.redeemableKeys(await companyId('alibaba'), TokenKind.Post));
    const over = await post(
      '/privacy-pass/alibaba/post/token-request',
      MEDIA_TYPES.tokenRequest,
      one.request.serialize(),
      auth,
    );
    expect(over.status).toBe(429);
    expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 40 }]);
  });

  it('answers malformed requests with 422 and evaluates and counts nothing', async () => {
    const { accountId, auth } = await member('baidu');
    const publicKey = await directoryKey('baidu', 'post');
    const challenge = keys.challengeFor('baidu', TokenKind.Post);
    const good = client.createTokenRequest(challenge, publicKey).request.serialize();
    const notOnCurve = Uint8Array.from(good);
    notOnCurve[3] = 0x05; // invalid SEC1 prefix
    const wrongType = Uint8Array.from(good);
    wrongType[1] = 0x02;
    const previousKey = keys.keyFor(await companyId('baidu'), TokenKind.Post, keys.epochAt(new Date()) - 1);
    const retired = client.createTokenRequest(challenge, previousKey.publicKey).request.serialize();
    const tooBig = client.createBatchedTokenRequest(challenge, publicKey, 33).request.serialize();
    const before = evaluations;
    const cases: [string, string, Uint8Array][] = [
      ['token-request', MEDIA_TYPES.tokenRequest, good.slice(0, 20)],
      ['token-request', MEDIA_TYPES.tokenRequest, new Uint8Array([...good, 0])],
      ['token-request', MEDIA_TYPES.tokenRequest, notOnCurve],
      ['token-request', MEDIA_TYPES.tokenRequest, wrongType],
      ['token-request', MEDIA_TYPES.tokenRequest, retired],
      ['batch-token-request', MEDIA_TYPES.batchedTokenRequest, new Uint8Array([0, 1, 7])],
      ['batch-token-request', MEDIA_TYPES.batchedTokenRequest, tooBig],
    ];
    for (const [path, type, body] of cases) {
      const res = await post(`/privacy-pass/baidu/post/${path}`, type, body, auth);
      expect([path, body.length, res.status]).toEqual([path, body.length, 422]);
    }
    const wrongMedia = await post('/privacy-pass/baidu/post/token-request', 'application/octet-stream', good, auth);
    // RFC 9578 §5.1: 415 for a body of another media type (Fastify refuses it before the route).
    expect(wrongMedia.status).toBe(415);
    expect(((await wrongMedia.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(evaluations).toBe(before);
    expect(await issuedRows(accountId)).toEqual([]);
  });

  it('requires a session (401), the account own company (403) and a live verification (403)', async () => {
    const publicKey = await directoryKey('jd', 'post');
    const body = client.createTokenRequest(keys.challengeFor('jd', TokenKind.Post), publicKey).request.serialize();
    const path = '/privacy-pass/jd/post/token-request';
    expect((await post(path, MEDIA_TYPES.tokenRequest, body)).status).toBe(401);
    expect((await post(path, MEDIA_TYPES.tokenRequest, body, { authorization: 'Bearer nope' })).status).toBe(401);
    const other = await member('baidu');
    const wrong = await post(path, MEDIA_TYPES.tokenRequest, body, other.auth);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { code: string }).code).toBe('WRONG_COMPANY');
    const lapsed = await member('jd', `current_date - interval '13 months'`);
    const expired = await post(path, MEDIA_TYPES.tokenRequest, body, lapsed.auth);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { code: string }).code).toBe('VERIFICATION_EXPIRED');
    const unknownKind = await fetch(`${api.url}/privacy-pass/jd/likes/issuer-directory`);
    expect(unknownKind.status).toBe(404);
  });

  it('issues over GraphQL with issuerKeys, issueTokens and tokenQuota; no review or reaction tokens any more', async () => {
    const { auth } = await member('meituan');
    const ISSUER_KEYS = `query K($company: String!, $kind: TokenKind!) {
      issuerKeys(company: $company, kind: $kind) { issuerRequestUri directory challenge wwwAuthenticate tokenKeys { tokenKey tokenKeyId notBefore } }
    }`;
    const k = await api.gql<{
      issuerKeys: { directory: string; challenge: string; tokenKeys: { tokenKey: string; tokenKeyId: string }[] };
    }>(ISSUER_KEYS, { company: 'meituan', kind: 'Post' });
    expect(k.errors).toBeUndefined();
    const httpDirectory = await (await fetch(`${api.url}/privacy-pass/meituan/post/issuer-directory`)).text();
    expect(k.data!.issuerKeys.directory).toBe(httpDirectory);
    const publicKey = base64urlDecode(k.data!.issuerKeys.tokenKeys[0].tokenKey);
    const challenge = base64urlDecode(k.data!.issuerKeys.challenge);
    const ISSUE = `mutation I($kind: TokenKind!, $requests: [String!]!) { issueTokens(kind: $kind, requests: $requests) }`;
    const r1 = client.createTokenRequest(challenge, publicKey);
    const res = await api.gql<{ issueTokens: string[] }>(
      ISSUE,
      { kind: 'Post', requests: [base64urlEncode(r1.request.serialize())] },
      auth,
    );
    expect(res.errors).toBeUndefined();
    const token = client.finalize(TokenResponse.deserialize(base64urlDecode(res.data!.issueTokens[0])), r1.state);
    new Origin().verify(token, challenge, keys.redeemableKeys(await companyId('meituan'), TokenKind.Post));
    // Votes, flags and reviews are paid with ARC credentials (issue 11): the old kinds are not issued.
    const r2 = client.createTokenRequest(challenge, publicKey);
    const review = await api.gql(ISSUE, { kind: 'Review', requests: [base64urlEncode(r2.request.serialize())] }, auth);
    expect(review.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    for (const kind of ['review', 'reaction']) {
      expect((await fetch(`${api.url}/privacy-pass/meituan/${kind}/issuer-directory`)).status).toBe(404);
    }
    const garbage = await api.gql(ISSUE, { kind: 'Post', requests: ['AAEC'] }, auth);
    expect(garbage.errors![0].extensions!.code).toBe('MALFORMED_TOKEN_REQUEST');
    const anonymous = await api.gql(ISSUE, { kind: 'Post', requests: ['AAEC'] });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const q = await api.gql<{ tokenQuota: { kind: string; issued: number; quota: number; remaining: number }[] }>(
      `query { tokenQuota { kind issued quota remaining resetsAt } }`,
      {},
      auth,
    );
    expect(
      q.data!.tokenQuota.map(({ kind, issued, quota, remaining }) => ({ kind, issued, quota, remaining })),
    ).toEqual([{ kind: 'Post', issued: 1, quota: 40, remaining: 39 }]);
  });

  it('serves one directory to everyone and retires keys after the previous epoch', async () => {
    const a = await fetch(`${api.url}/privacy-pass/pinduoduo/post/issuer-directory`, {
      headers: { 'user-agent': 'one' },
    });
    const b = await fetch(`${api.url}/privacy-pass/pinduoduo/post/issuer-directory`, {
      headers: { 'user-agent': 'two', authorization: 'Bearer whatever' },
    });
    expect(a.headers.get('content-type')).toBe(MEDIA_TYPES.issuerDirectory);
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    const id = await companyId('pinduoduo');
    const now = new Date();
    const epoch = keys.epochAt(now);
    const later = new Date(keys.epochStart(epoch + 2).getTime() + 1000);
    expect(keys.redeemableKeys(id, TokenKind.Post, later).map((k) => k.epoch)).toEqual([epoch + 2, epoch + 1]);
    // Maintenance retires the counts of retired keys and recounts members.
    const { accountId } = await member('pinduoduo');
    await api.dataSource.query(
      `INSERT INTO issuance_counts (account_id, token_key_id, kind, epoch, issued, retire_at) VALUES ($1, $2, 'post', $3, 5, now() - interval '1 second')`,
      [accountId, randomBytes(32), epoch - 2],
    );
    await api.dataSource.query(`UPDATE companies SET verified_members = 99 WHERE id = $1`, [id]);
    const result = await api.app.get(IdentityMaintenanceService).rotate();
    expect(result.retiredCounts).toBe(1);
    expect(await issuedRows(accountId)).toEqual([]);
    const [{ verified_members }] = (await api.dataSource.query(`SELECT verified_members FROM companies WHERE id = $1`, [
      id,
    ])) as { verified_members: number }[];
    expect(verified_members).toBe(1);
  });

  it('exposes verified members as a coarse bucket and opens the board at K', async () => {
    const COMPANY = `query C($slug: String!) { company(slug: $slug) { verifiedMembers boardOpen } }`;
    await api.dataSource.query(`UPDATE companies SET verified_members = 2 WHERE slug = 'xiaomi'`);
    expect((await api.gql(COMPANY, { slug: 'xiaomi' })).data).toEqual({
      company: { verifiedMembers: 'fewer than 10', boardOpen: false },
    });
    await api.dataSource.query(`UPDATE companies SET verified_members = 3 WHERE slug = 'xiaomi'`);
    expect((await api.gql(COMPANY, { slug: 'xiaomi' })).data).toEqual({
      company: { verifiedMembers: 'fewer than 10', boardOpen: true },
    });
    await api.dataSource.query(`UPDATE companies SET verified_members = 150 WHERE slug = 'xiaomi'`);
    expect((await api.gql(COMPANY, { slug: 'xiaomi' })).data).toEqual({
      company: { verifiedMembers: '100+', boardOpen: true },
    });
  });

  describe('recoverable issuance (Idempotency-Key)', () => {
    const BATCH = '/privacy-pass/netease/post/token-request';

    async function send(body: Uint8Array, auth: Record<string, string>, key: string) {
      const res = await post(BATCH, MEDIA_TYPES.batchedTokenRequest, body, { ...auth, 'idempotency-key': key });
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
    }

    it('answers the same request again with the same key, charging the quota once', async () => {
      const { accountId, auth } = await member('netease');
      const publicKey = await directoryKey('netease', 'post');
      const challenge = keys.challengeFor('netease', TokenKind.Post);
      const batch = client.createBatchedTokenRequest(challenge, publicKey, 5);
      const key = base64urlEncode(randomBytes(16));
      const first = await send(batch.request.serialize(), auth, key);
      const again = await send(batch.request.serialize(), auth, key);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 5 }]);
      // The repeat is evaluated afresh (a new DLEQ proof) to the same elements: the same five tokens, all valid.
      const [a, b] = [first, again].map((r) => BatchedTokenResponse.deserialize(r.body));
      expect(b.evaluatedElements).toEqual(a.evaluatedElements);
      const tokens = client.finalizeBatch(b, batch.state);
      expect(tokens.map((t) => t.serialize())).toEqual(client.finalizeBatch(a, batch.state).map((t) => t.serialize()));
      const redeemable = keys.redeemableKeys(await companyId('netease'), TokenKind.Post);
      for (const t of tokens) new Origin().verify(t, challenge, redeemable);

      // Another body under the same key: a clear error, nothing charged; a fresh key charges again.
      const other = client.createBatchedTokenRequest(challenge, publicKey, 5).request.serialize();
      const reused = await send(other, auth, key);
      expect(reused.status).toBe(422);
      expect(JSON.parse(new TextDecoder().decode(reused.body)).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await send(other, auth, base64urlEncode(randomBytes(16)))).status).toBe(200);
      expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 10 }]);

      // Another account cannot use (or learn anything from) this account's key.
      const stranger = await member('netease');
      expect((await send(batch.request.serialize(), stranger.auth, key)).status).toBe(200);
      expect(await issuedRows(stranger.accountId)).toEqual([{ kind: 'post', issued: 5 }]);

      // Redis keeps a digest and the epoch under (account, key), no element, expiring at a window boundary.
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const name = `${api.config.queuePrefix}:iss:${accountId}:${key}`;
        const [value, ttl] = [await redis.get(name), await redis.ttl(name)];
        expect(value).toMatch(/^done \d+ [A-Za-z0-9_-]{43}$/);
        for (const e of a.evaluatedElements) expect(value).not.toContain(base64urlEncode(e).slice(0, 20));
        const expiresAt = Math.round(Date.now() / 1000) + ttl;
        expect(ttl).toBeGreaterThan(86400 - 5);
        expect(Math.min(expiresAt % 86400, 86400 - (expiresAt % 86400))).toBeLessThanOrEqual(1);
      } finally {
        redis.disconnect();
      }
    });

    it('charges once under concurrent requests with one key, and frees a key whose request was refused', async () => {
      const { accountId, auth } = await member('netease');
      const publicKey = await directoryKey('netease', 'post');
      const challenge = keys.challengeFor('netease', TokenKind.Post);
      const batch = client.createBatchedTokenRequest(challenge, publicKey, 4);
      const key = base64urlEncode(randomBytes(16));
      const answers = await Promise.all(Array.from({ length: 8 }, () => send(batch.request.serialize(), auth, key)));
      const statuses = answers.map((r) => r.status);
      // The first charges; one arriving while it is being answered is told to send again (409), later ones replay.
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
      expect(statuses).toContain(200);
      expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 4 }]);
      expect((await send(batch.request.serialize(), auth, key)).status).toBe(200);
      expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 4 }]);

      // Over the quota: 429 and the key stays free (once the quota allows, the same key goes through).
      const tooMany = client.createBatchedTokenRequest(challenge, publicKey, 32);
      const other = base64urlEncode(randomBytes(16));
      expect((await send(tooMany.request.serialize(), auth, other)).status).toBe(200);
      const over = client.createBatchedTokenRequest(challenge, publicKey, 5).request.serialize();
      const refusedKey = base64urlEncode(randomBytes(16));
      expect((await send(over, auth, refusedKey)).status).toBe(429);
      const fits = client.createBatchedTokenRequest(challenge, publicKey, 4).request.serialize();
      expect((await send(fits, auth, refusedKey)).status).toBe(200);
      expect(await issuedRows(accountId)).toEqual([{ kind: 'post', issued: 40 }]);

      // A malformed key: 400 with its code, nothing charged.
      const bad = await send(fits, auth, 'short');
      expect(bad.status).toBe(400);
      expect(JSON.parse(new TextDecoder().decode(bad.body)).code).toBe('MALFORMED_IDEMPOTENCY_KEY');
    });
  });

  it('keeps no blinded or evaluated element and no time per request (privacy rule 2)', async () => {
    const columns = (await api.dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN ('accounts', 'sessions', 'verification_codes', 'issuance_counts')
        ORDER BY table_name, column_name`,
    )) as { table_name: string; column_name: string; data_type: string }[];
    const byTable = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name);
    expect(byTable('issuance_counts')).toEqual(['account_id', 'epoch', 'issued', 'kind', 'retire_at', 'token_key_id']);
    expect(byTable('accounts')).toEqual(['company_id', 'email_hmac', 'id', 'role', 'verified_on']);
    for (const c of columns)
      expect(c.column_name).not.toMatch(/blind|evaluat|element|request|nonce|ip|agent|email$|address/);
    // The only times kept are coarse or per-key: verified_on is a date; retire_at is fixed per key, not per request.
    // Two accounts, issued under the same key by separate requests at different moments, get the same retire_at,
    // and it is the key's own: a day after the end of the epoch after the key's.
    const publicKey = await directoryKey('jd', 'post');
    const challenge = keys.challengeFor('jd', TokenKind.Post);
    const accounts: string[] = [];
    for (const _ of [1, 2]) {
      const { accountId, auth } = await member('jd');
      const res = await post(
        '/privacy-pass/jd/post/token-request',
        MEDIA_TYPES.tokenRequest,
        client.createTokenRequest(challenge, publicKey).request.serialize(),
        auth,
      );
      expect(res.status).toBe(200);
      accounts.push(accountId);
    }
    const rows = (await api.dataSource.query(
      `SELECT account_id, token_key_id, epoch, retire_at FROM issuance_counts WHERE account_id = ANY($1::uuid[]) ORDER BY account_id`,
      [accounts],
    )) as { account_id: string; token_key_id: Buffer; epoch: number; retire_at: Date }[];
    expect(rows).toHaveLength(2);
    expect(rows[0].token_key_id.equals(rows[1].token_key_id)).toBe(true);
    expect(rows[0].retire_at).toEqual(rows[1].retire_at);
    const epoch = Number(rows[0].epoch);
    expect(rows[0].retire_at).toEqual(new Date(keys.epochEnd(epoch + 1).getTime() + 24 * 3600 * 1000));
    expect(columns.find((c) => c.table_name === 'accounts' && c.column_name === 'verified_on')!.data_type).toBe('date');
  });
});
