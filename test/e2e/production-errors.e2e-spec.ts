import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';

/** Production answers name nothing of the schema the client did not send (issue 12). */
describe('errors in production', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', MIGRATIONS_RUN: 'true' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses a wrong enum value without suggesting the right one', async () => {
    const res = await api.gql(
      `query($sort: ThreadSort!) { threads(companySlug: "baidu", sort: $sort) { __typename } }`,
      {
        sort: 'NEWEST',
      },
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('"NEWEST"');
    expect(res.errors?.[0].message).not.toMatch(/did you mean/i);
  });

  it('refuses an unknown field without suggesting one', async () => {
    const res = await api.gql(`{ companie(slug: "baidu") { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).not.toMatch(/did you mean/i);
  });
});
