// ARC keys, directory and issuance (issue 11, steps 1-2): one credential per
// account per period key, counted like token quotas (counts only).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ARC_MEDIA_TYPES,
  ArcCredentialResponseMessage,
  createArcCredentialRequest,
  finalizeCredential,
  parseArcDirectoryKeys,
} from '@unlinked/arc';
import { SessionsService } from '@unlinked/identity';
import { ArcKeysService } from '@unlinked/platform';
import { startTestApi, type TestApi } from '../support/test-app.js';

describe('ARC issuer: directory and one credential per period (real PostgreSQL, HTTP)', () => {
  let api: TestApi;
  let keys: ArcKeysService;

  beforeAll(async () => {
    api = await startTestApi({});
    keys = api.app.get(ArcKeysService);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function member(slug: string, verifiedOn = 'current_date') {
    const [{ id }] = (await api.dataSource.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on)
       SELECT $1, id, ${verifiedOn} FROM companies WHERE slug = $2 RETURNING id`,
      [randomBytes(32), slug],
    )) as { id: string }[];
    const { token } = await api.app.get(SessionsService).create(id);
    return { accountId: id, auth: { authorization: `Bearer ${token}` } };
  }

  function request(
    slug: string,
    body: Uint8Array,
    headers: Record<string, string>,
    type: string = ARC_MEDIA_TYPES.credentialRequest,
  ) {
    return fetch(`${api.url}/privacy-pass/${slug}/arc/credential-request`, {
      method: 'POST',
      headers: { ...headers, 'content-type': type },
      body: Buffer.from(body),
    });
  }

  it('serves the two live period keys, the same bytes to everyone (rule 8)', async () => {
    const a = await fetch(`${api.url}/privacy-pass/alibaba/arc/issuer-directory`);
    const b = await fetch(`${api.url}/privacy-pass/alibaba/arc/issuer-directory`, { headers: { 'user-agent': 'x' } });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('application/private-token-issuer-directory');
    expect(a.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const text = await a.text();
    expect(await b.text()).toBe(text);
    const dir = parseArcDirectoryKeys(text);
    // At the ARC issuer's own name (RFC 9578 §4); the same-origin path below takes the same requests.
    expect(dir.issuerRequestUri).toBe(`${keys.issuerUrlFor('alibaba')}/credential-request`);
    const [{ id }] = (await api.dataSource.query(`SELECT id FROM companies WHERE slug = 'alibaba'`)) as {
      id: string;
    }[];
    const live = keys.liveKeys(id);
    expect(dir.keys.map((k) => Buffer.from(k.publicKey.serialize()).toString('hex'))).toEqual(
      live.map((k) => Buffer.from(k.publicKey.serialize()).toString('hex')),
    );
    expect(dir.keys[0].notBefore).toBe(live[0].notBefore);
    expect((await fetch(`${api.url}/privacy-pass/no-such-company/arc/issuer-directory`)).status).toBe(404);
  });

  it('issues one credential per account per period key; a second request is refused and counts stay 1', async () => {
    const { accountId, auth } = await member('alibaba');
    const dir = parseArcDirectoryKeys(
      await (await fetch(`${api.url}/privacy-pass/alibaba/arc/issuer-directory`)).text(),
    );
    const publicKey = dir.keys[0].publicKey;
    const challenge = keys.challengeFor('alibaba', null);
    const first = createArcCredentialRequest(challenge, publicKey);
    const res = await request('alibaba', first.message.serialize(), auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(ARC_MEDIA_TYPES.credentialResponse);
    const msg = ArcCredentialResponseMessage.deserialize(new Uint8Array(await res.arrayBuffer()));
    const credential = finalizeCredential(first.secrets, publicKey, first.request, msg.response);
    expect(credential.serialize().length).toBeGreaterThan(0);

    const again = createArcCredentialRequest(challenge, publicKey);
    const refused = await request('alibaba', again.message.serialize(), auth);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code: string }).code).toBe('CREDENTIAL_ALREADY_ISSUED');

    // The previous period's key issues once too (for items published then); it is counted on its own row.
    const prev = createArcCredentialRequest(challenge, dir.keys[1].publicKey);
    expect((await request('alibaba', prev.message.serialize(), auth)).status).toBe(200);
    expect(
      (await request('alibaba', createArcCredentialRequest(challenge, dir.keys[1].publicKey).message.serialize(), auth))
        .status,
    ).toBe(429);

    const rows = (await api.dataSource.query(
      `SELECT kind, epoch, issued FROM issuance_counts WHERE account_id = $1 ORDER BY epoch DESC`,
      [accountId],
    )) as { kind: string; epoch: number; issued: number }[];
    const period = keys.periodAt();
    expect(rows).toEqual([
      { kind: 'arc', epoch: period, issued: 1 },
      { kind: 'arc', epoch: period - 1, issued: 1 },
    ]);
  });

  it('answers a request sent again with its Idempotency-Key, counting one credential (issue 13)', async () => {
    const { accountId, auth } = await member('meituan');
    const dir = parseArcDirectoryKeys(
      await (await fetch(`${api.url}/privacy-pass/meituan/arc/issuer-directory`)).text(),
    );
    const publicKey = dir.keys[0].publicKey;
    const challenge = keys.challengeFor('meituan', null);
    const sent = createArcCredentialRequest(challenge, publicKey);
    const withKey = { ...auth, 'idempotency-key': randomBytes(16).toString('base64url') };
    const answers = [];
    for (const _ of [1, 2]) {
      const res = await request('meituan', sent.message.serialize(), withKey);
      expect(res.status).toBe(200);
      const msg = ArcCredentialResponseMessage.deserialize(new Uint8Array(await res.arrayBuffer()));
      answers.push(finalizeCredential(sent.secrets, publicKey, sent.request, msg.response));
    }
    // Both credentials carry the client's one secret m1, so they present the same tags: no second action anywhere.
    expect(answers[1].m1).toBe(answers[0].m1);
    // The key with another request: refused, nothing counted.
    const other = createArcCredentialRequest(challenge, publicKey).message.serialize();
    const reused = await request('meituan', other, withKey);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = (await api.dataSource.query(
      `SELECT issued FROM issuance_counts WHERE account_id = $1 AND kind = 'arc'`,
      [accountId],
    )) as { issued: number }[];
    expect(rows).toEqual([{ issued: 1 }]);
  });

  it('20 concurrent requests of one account: exactly one credential', async () => {
    const { accountId, auth } = await member('tencent');
    const dir = parseArcDirectoryKeys(
      await (await fetch(`${api.url}/privacy-pass/tencent/arc/issuer-directory`)).text(),
    );
    const challenge = keys.challengeFor('tencent', null);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request('tencent', createArcCredentialRequest(challenge, dir.keys[0].publicKey).message.serialize(), auth).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
    const [{ issued }] = (await api.dataSource.query(
      `SELECT issued FROM issuance_counts WHERE account_id = $1 AND kind = 'arc'`,
      [accountId],
    )) as { issued: number }[];
    expect(issued).toBe(1);
  });

  it('refuses no session, another company, an expired verification, a malformed request (nothing counted)', async () => {
    const { accountId, auth } = await member('alibaba');
    const dir = parseArcDirectoryKeys(
      await (await fetch(`${api.url}/privacy-pass/alibaba/arc/issuer-directory`)).text(),
    );
    const body = createArcCredentialRequest(
      keys.challengeFor('alibaba', null),
      dir.keys[0].publicKey,
    ).message.serialize();
    expect((await request('alibaba', body, {})).status).toBe(401);
    expect((await request('tencent', body, auth)).status).toBe(403);
    const expired = await member('alibaba', `current_date - interval '13 months'`);
    expect((await request('alibaba', body, expired.auth)).status).toBe(403);
    const broken = Uint8Array.from(body);
    broken[broken.length - 1] ^= 1;
    expect((await request('alibaba', broken, auth)).status).toBeGreaterThanOrEqual(401);
    expect((await request('alibaba', body.subarray(1), auth)).status).toBe(422);
    const wrongKey = Uint8Array.from(body);
    wrongKey[2] ^= 0x02; // truncated key id of no live key (flips parity)
    expect((await request('alibaba', wrongKey, auth)).status).toBe(422);
    expect((await request('alibaba', body, auth, 'application/octet-stream')).status).toBeGreaterThanOrEqual(400);
    const rows = (await api.dataSource.query(`SELECT issued FROM issuance_counts WHERE account_id = $1`, [
      accountId,
    ])) as { issued: number }[];
    expect(rows.every((r) => r.issued === 0)).toBe(true);
    // And then the account still gets its one credential.
    expect((await request('alibaba', body, auth)).status).toBe(200);
  });
});
