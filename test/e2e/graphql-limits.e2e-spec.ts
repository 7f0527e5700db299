import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countQueries, startTestApi, type TestApi } from '../support/test-app.js';

describe('GraphQL hardening', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses a depth-50 query with QUERY_TOO_DEEP', async () => {
    // Depth is checked before field validity, so nesting past the schema still reports depth.
    const deep = `{ companies(first: 1) { ${'edges { node { '.repeat(25)}slug${' } }'.repeat(25)} } }`;
    const res = await api.gql(deep);
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
    expect(res.data).toBeUndefined();
  });

  it('refuses a 1,000-alias query with TOO_MANY_ALIASES before any database query', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: company(slug: "tencent") { name }`).join(' ')} }`;
    let res: Awaited<ReturnType<TestApi['gql']>> | undefined;
    expect(await countQueries(api, async () => (res = await api.gql(query)))).toBe(0);
    expect(res!.errors?.map((e) => e.extensions?.code)).toContain('TOO_MANY_ALIASES');
    expect(res!.data).toBeUndefined();
  });

  it('refuses first: 1000000 with BAD_USER_INPUT before any database query', async () => {
    let res: Awaited<ReturnType<TestApi['gql']>> | undefined;
    const queries = await countQueries(api, async () => {
      res = await api.gql('query($n: Int) { companies(first: $n) { edges { cursor } } }', { n: 1_000_000 });
    });
    expect(queries).toBe(0);
    expect(res!.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res!.errors?.[0].message).toMatch(/first must not be greater than 100/);
  });

  it('refuses array batching', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ __typename }`,
        variables: { pad: 'x'.repeat(api.config.graphql.bodyLimitBytes) },
      }),
    });
    expect(res.status).toBe(413);
  });

  it('masks internal errors: no stack, no SQL', async () => {
    // Break the table under the running app to force a database error inside a resolver.
    const ds = api.dataSource;
    await ds.query('ALTER TABLE companies RENAME TO companies_hidden');
    try {
      const res = await api.gql('{ companies(first: 1) { edges { cursor } } }');
      expect(res.errors?.[0]).toEqual({
        message: 'Internal server error.',
        path: ['companies'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      const raw = JSON.stringify(res);
      expect(raw).not.toMatch(/companies_hidden|relation|SELECT|stack|at /i);
    } finally {
      await ds.query('ALTER TABLE companies_hidden RENAME TO companies');
    }
  });
});
