import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  base64urlEncode,
  BatchedTokenResponse,
  Client,
  IssuerDirectory,
  MEDIA_TYPES,
  Origin,
  parseWWWAuthenticate,
  TokenChallenge,
} from '@unlinked/privacy-pass';
import { IssuerKeysService, TokenKind } from '@unlinked/platform';
import { Author } from '../support/forum-client.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const REQUEST_CODE = /* GraphQL */ `
  mutation Request($email: String!) {
    requestVerificationCode(email: $email) {
      sent
      expiresInSeconds
    }
  }
`;
const VERIFY = /* GraphQL */ `
  mutation Verify($email: String!, $code: String!) {
    verifyCode(email: $email, code: $code) {
      token
      expiresAt
      account {
        role
        verifiedOn
        verifiedUntil
        company {
          slug
          name
          status
        }
      }
    }
  }
`;

describe('identity: attester and issuer end to end (real PostgreSQL, Redis, SMTP, HTTP)', () => {
  let api: TestApi;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    // K = 1: the one account verified below opens its company's board.
    api = await startTestApi({ RUN_WORKERS: 'true', SMTP_URL: smtp.url, BOARD_MIN_VERIFIED: '1' });
  });

  afterAll(async () => {
    await api?.close();
    await smtp.stop();
  });

  async function signIn(email: string, deliverTo = email): Promise<string> {
    const before = smtp.countFor(deliverTo);
    const req = await api.gql(REQUEST_CODE, { email });
    expect(req.errors).toBeUndefined();
    const code = await smtp.codeFor(deliverTo, before);
    const res = await api.gql<{ verifyCode: { token: string } }>(VERIFY, {
      email,
      code,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyCode.token;
  }

  it('verifies a work address, issues a batch over HTTP and the origin accepts the tokens', async () => {
    const req = await api.gql<{
      requestVerificationCode: { sent: boolean; expiresInSeconds: number };
    }>(REQUEST_CODE, {
      email: 'Jane.Doe+unlinked@Mail.Acme-Widgets.com',
    });
    expect(req.errors).toBeUndefined();
    expect(req.data!.requestVerificationCode).toEqual({
      sent: true,
      expiresInSeconds: 600,
    });
    const code = await smtp.codeFor('Jane.Doe+unlinked@mail.acme-widgets.com');
    const verified = await api.gql<{
      verifyCode: {
        token: string;
        account: {
          role: string;
          company: { slug: string; name: string; status: string };
        };
      };
    }>(VERIFY, { email: 'jane.doe@mail.acme-widgets.com', code });
    expect(verified.errors).toBeUndefined();
    const { token, account } = verified.data!.verifyCode;
    expect(account.role).toBe('Member');
    expect(account.company).toEqual({
      slug: 'acme-widgets-com',
      name: 'Acme Widgets',
      status: 'Unconfirmed',
    });
    const auth = { authorization: `Bearer ${token}` };

    // Directory: identical bytes for every requester, no session needed.
    const base = `${api.url}/privacy-pass/acme-widgets-com/post`;
    const d1 = await fetch(`${base}/issuer-directory`);
    const d2 = await fetch(`${base}/issuer-directory`, { headers: auth });
    expect(d1.status).toBe(200);
    expect(d1.headers.get('content-type')).toBe(MEDIA_TYPES.issuerDirectory);
    const body1 = await d1.text();
    expect(await d2.text()).toBe(body1);
    const directory = IssuerDirectory.deserialize(body1);
    // RFC 9578 §4: the issuer-request-uri is on the issuer name's own host (issuer-host.controller.ts).
    expect(directory.issuerRequestUri).toBe('http://acme-widgets-com.post.issuer.localhost:3000/token-request');
    const publicKey = directory.currentKey()!.tokenKey;

    // Challenge from the documented endpoint.
    const ch = await fetch(`${base}/challenge`);
    expect(ch.status).toBe(401);
    const [params] = parseWWWAuthenticate(ch.headers.get('www-authenticate')!);
    expect(params.tokenKey).toEqual(publicKey);

    const client = new Client();
    const { request, state } = client.createBatchedTokenRequest(params.challengeBytes, publicKey, 32);
    const res = await fetch(`${base}/batch-token-request`, {
      method: 'POST',
      headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
      body: Buffer.from(request.serialize()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MEDIA_TYPES.batchedTokenResponse);
    const tokens = client.finalizeBatch(
      BatchedTokenResponse.deserialize(new Uint8Array(await res.arrayBuffer())),
      state,
    );
    expect(tokens).toHaveLength(32);

    // The origin (anonymous side) verifies with the neutral keys service alone.
    const keys = api.app.get(IssuerKeysService);
    const [{ id: companyId }] = (await api.dataSource.query(
      `SELECT id FROM companies WHERE slug = 'acme-widgets-com'`,
    )) as {
      id: string;
    }[];
    const challenge = keys.challengeFor('acme-widgets-com', TokenKind.Post);
    expect(challenge.serialize()).toEqual(TokenChallenge.deserialize(params.challengeBytes).serialize());
    const origin = new Origin();
    for (const t of tokens) origin.verify(t, challenge, keys.redeemableKeys(companyId, TokenKind.Post));

    const quota = await api.gql<{
      tokenQuota: {
        kind: string;
        issued: number;
        quota: number;
        remaining: number;
      }[];
    }>(`query { tokenQuota { kind issued quota remaining } }`, {}, auth);
    expect(quota.data!.tokenQuota.find((q) => q.kind === 'Post')).toEqual({
      kind: 'Post',
      issued: 32,
      quota: 40,
      remaining: 8,
    });

    // Only the count is stored (rule 2).
    const rows = await api.dataSource.query(`SELECT kind, issued FROM issuance_counts`);
    expect(rows).toEqual([{ kind: 'post', issued: 32 }]);

    // The verification opened the board (K = 1); an issued token pays for a thread on the anonymous side.
    const facts = await api.gql<{ company: { verifiedMembers: string; boardOpen: boolean } }>(
      `query C($slug: String!) { company(slug: $slug) { verifiedMembers boardOpen } }`,
      { slug: 'acme-widgets-com' },
    );
    expect(facts.data!.company).toEqual({ verifiedMembers: 'fewer than 10', boardOpen: true });
    const author = new Author();
    const fields = ['acme-widgets-com', '', 'Hello from a verified employee', 'Issued by the identity side.'];
    const thread = await api.gql<{ createThread: { status: string } }>(
      `mutation T($input: CreateThreadInput!, $token: String) { createThread(input: $input, token: $token) { status } }`,
      {
        input: {
          companySlug: fields[0],
          board: null,
          title: fields[2],
          body: fields[3],
          authorKey: author.publicKey,
          signature: author.sign('create-thread', fields),
        },
        token: base64urlEncode(tokens[0].serialize()),
      },
    );
    expect(thread.errors).toBeUndefined();

    // Rule 6: no address, code, session token, token request or token in the logs.
    const logs = api.logs.text;
    for (const secret of [
      'jane.doe',
      'acme-widgets.com',
      code,
      token,
      base64urlEncode(tokens[1].serialize()),
      base64urlEncode(request.serialize()).slice(0, 40),
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('ends sessions at their idle or absolute deadline', async () => {
    const token = await signIn('timeout@initech-labs.com');
    const auth = { authorization: `Bearer ${token}` };
    const ME = `query { me { role } }`;
    expect((await api.gql<{ me: { role: string } }>(ME, {}, auth)).data!.me).toEqual({ role: 'Member' });
    const [session] = (await api.dataSource.query(
      `SELECT expires_at, absolute_expires_at FROM sessions ORDER BY absolute_expires_at DESC LIMIT 1`,
    )) as { expires_at: Date; absolute_expires_at: Date }[];
    // The idle deadline is a whole day (UTC midnight), not the time of use.
    expect(new Date(session.expires_at).getUTCHours()).toBe(0);
    expect(new Date(session.expires_at).getUTCMinutes()).toBe(0);
    await api.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await api.gql<{ me: null }>(ME, {}, auth)).data!.me).toBeNull();
    const res = await fetch(`${api.url}/privacy-pass/initech-labs-com/post/token-request`, {
      method: 'POST',
      headers: { ...auth, 'content-type': MEDIA_TYPES.tokenRequest },
      body: Buffer.alloc(52),
    });
    expect(res.status).toBe(401);
  });
});
