import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';

const COMPANIES = /* GraphQL */ `
  query Companies($search: String, $first: Int, $after: String) {
    companies(search: $search, first: $first, after: $after) {
      edges {
        cursor
        node {
          slug
          name
          domains
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type Page = {
  companies: {
    edges: { cursor: string; node: { slug: string; name: string; domains: string[]; status: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('companies (real PostgreSQL + Redis over HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('paginates with cursors to the end without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<TestApi['gql']>> & { data?: Page } = await api.gql<Page>(COMPANIES, {
        first: 17,
        after,
      });
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data!.companies;
      seen.push(...edges.map((e) => e.node.slug));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      pages++;
    } while (after);
    const [{ count }] = (await api.dataSource.query('SELECT count(*)::int AS count FROM companies')) as {
      count: number;
    }[];
    expect(count).toBeGreaterThanOrEqual(100);
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(pages).toBe(Math.ceil(count / 17));
  });

  it('searches case-insensitively by email domain and by name', async () => {
    const byDomain = await api.gql<Page>(COMPANIES, { search: 'TENCENT.COM' });
    expect(byDomain.data!.companies.edges.map((e) => e.node.slug)).toEqual(['tencent']);
    const byName = await api.gql<Page>(COMPANIES, { search: 'alibaba' });
    expect(byName.data!.companies.edges.map((e) => e.node.slug)).toContain('alibaba');
    const none = await api.gql<Page>(COMPANIES, { search: '%_%' });
    expect(none.data!.companies.edges).toHaveLength(0);
  });

  it('reads one company by slug and reports a missing one with a stable code', async () => {
    const found = await api.gql<{ company: { name: string; domains: string[] } }>(
      'query($slug: String!) { company(slug: $slug) { name domains } }',
      { slug: 'tencent' },
    );
    expect(found.data!.company).toEqual({ name: 'Tencent', domains: ['tencent.com'] });
    const missing = await api.gql('query($slug: String!) { company(slug: $slug) { name } }', { slug: 'nope' });
    expect(missing.errors?.[0].extensions?.code).toBe('COMPANY_NOT_FOUND');
  });

  it('rejects a malformed or forged cursor with BAD_USER_INPUT before it reaches SQL', async () => {
    const forge = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const cases: [string, Record<string, unknown>][] = [
      [COMPANIES, { after: 'not-a-cursor' }],
      [COMPANIES, { after: forge(['acme', 'not-a-uuid']) }],
      [COMPANIES, { after: forge(['acme']) }],
      [
        'query($after: String) { threads(board: "career", sort: Top, after: $after) { edges { cursor } } }',
        { after: forge(['yesterday', '00000000-0000-4000-8000-000000000000']) },
      ],
      [
        'query($after: String) { reviews(companySlug: "tencent", sort: Recent, after: $after) { edges { cursor } } }',
        { after: forge(['2026-13-45T99:00:00Z', '00000000-0000-4000-8000-000000000000']) },
      ],
    ];
    for (const [query, variables] of cases) {
      const res = await api.gql(query, variables);
      expect(res.errors?.[0]).toMatchObject({
        message: 'The cursor is not valid.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ details: { database: { status: 'up' }, redis: { status: 'up' } } });
  });
});
