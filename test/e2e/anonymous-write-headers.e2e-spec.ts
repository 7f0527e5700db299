import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Author, mintToken, openCompany, TokenKind, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!) {
    createThread(input: $input) {
      id
    }
  }
`;

interface GqlAnswer {
  data?: { createThread: { id: string } } | null;
  errors?: { extensions?: { code?: string } }[];
}

/**
 * POSTs GraphQL with headers given as wire lines, so one name can repeat (fetch would fold repeats into one line).
 */
function postRaw(
  url: string,
  body: unknown,
  headers: [string, string][],
): Promise<{ status: number; json: GqlAnswer }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    req.setHeader('content-length', Buffer.byteLength(payload));
    const byName = new Map<string, string[]>();
    for (const [name, value] of headers) byName.set(name, [...(byName.get(name) ?? []), value]);
    for (const [name, values] of byName) req.setHeader(name, values);
    req.end(payload);
  });
}

/** RFC 9577 §2.2: the token as a quoted parameter. */
const header = (token: string) => `PrivateToken token="${token}"`;

describe('privacy rule 4 reads every Authorization header, not only the first', () => {
  let api: TestApi;
  let company: TestCompany;

  beforeAll(async () => {
    api = await startTestApi();
    company = await openCompany(api, 'baidu');
  });

  afterAll(async () => {
    await api.close();
  });

  function threadInput(title: string) {
    const author = new Author();
    const body = 'A body long enough to be a real post about the company.';
    return {
      companySlug: company.slug,
      board: null,
      title,
      body,
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [company.slug, '', title, body]),
    };
  }

  it('refuses PrivateToken followed by a Bearer session, writes nothing, and keeps the token spendable', async () => {
    const token = mintToken(api, company, TokenKind.Post);
    const input = threadInput('Two credentials at once');
    const refused = await postRaw(api.url, { query: CREATE_THREAD, variables: { input } }, [
      ['authorization', header(token)],
      ['authorization', 'Bearer some.session.token'],
    ]);
    expect(refused.json.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_ALLOWED');
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM threads`)) as { n: number }[];
    expect(n).toBe(0);

    const accepted = await postRaw(api.url, { query: CREATE_THREAD, variables: { input } }, [
      ['authorization', header(token)],
    ]);
    expect(accepted.json.errors).toBeUndefined();
    expect(accepted.json.data?.createThread.id).toEqual(expect.any(String));
  });

  it('refuses two PrivateToken headers as ambiguous', async () => {
    const refused = await postRaw(api.url, { query: CREATE_THREAD, variables: { input: threadInput('Twice') } }, [
      ['authorization', header(mintToken(api, company, TokenKind.Post))],
      ['authorization', header(mintToken(api, company, TokenKind.Post))],
    ]);
    expect(refused.json.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_ALLOWED');
  });
});
