import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, statementsDuring, type TestApi } from '../support/test-app.js';

/**
 * Per-field lookups are batched per request (DataLoader): a page of companies reads its review stats once; and a
 * board page does not look its company up again on every read.
 */
describe('read path batching', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('reads the review stats of a page of 20 companies in one query, each company its own', async () => {
    const [a, b] = (await api.dataSource.query(`SELECT id, slug FROM companies ORDER BY name LIMIT 2`)) as {
      id: string;
      slug: string;
    }[];
    await api.dataSource.query(
      `INSERT INTO company_review_stats (company_id, review_count, overall_sum) VALUES ($1, 7, 28), ($2, 9, 18)`,
      [a.id, b.id],
    );
    let res: Awaited<ReturnType<TestApi['gql']>> | undefined;
    const query = `{ companies(first: 20) { edges { node { slug reviewStats { reviewCount averageOverall } } } } }`;
    const queries = await statementsDuring(api, async () => (res = await api.gql(query)), /company_review_stats/);
    expect(res!.errors).toBeUndefined();
    const nodes = (
      res!.data as {
        companies: {
          edges: { node: { slug: string; reviewStats: { reviewCount: number; averageOverall: number | null } } }[];
        };
      }
    ).companies.edges.map((e) => e.node);
    expect(nodes).toHaveLength(20);
    expect(queries).toHaveLength(1);
    const bySlug = new Map(nodes.map((n) => [n.slug, n.reviewStats]));
    expect(bySlug.get(a.slug)).toEqual({ reviewCount: 7, averageOverall: 4 });
    expect(bySlug.get(b.slug)).toEqual({ reviewCount: 9, averageOverall: 2 });
    expect(nodes.filter((n) => n.reviewStats.reviewCount === 0)).toHaveLength(18);
  });

  it('reads a company board with one SQL statement once the company is known', async () => {
    const query = `query B($slug: String) { threads(companySlug: $slug, first: 20) { edges { node { id title } } } }`;
    await api.gql(query, { slug: 'baidu' });
    const sql = await statementsDuring(api, async () => {
      const res = await api.gql(query, { slug: 'baidu' });
      expect(res.errors).toBeUndefined();
    });
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/FROM threads/);
    // An unknown slug is still COMPANY_NOT_FOUND, looked up each time.
    const missing = await api.gql(query, { slug: 'no-such-company' });
    expect(missing.errors?.[0].extensions?.code).toBe('COMPANY_NOT_FOUND');
  });

  it('reads a company page (company, stats, reviews) with one SQL statement each', async () => {
    const query = `query P($slug: String!) {
      company(slug: $slug) { name domains reviewStats { reviewCount } }
      reviews(companySlug: $slug, first: 20) { edges { node { id } } }
    }`;
    await api.gql(query, { slug: 'huawei' });
    let res: Awaited<ReturnType<TestApi['gql']>> | undefined;
    const sql = await statementsDuring(api, async () => (res = await api.gql(query, { slug: 'huawei' })));
    expect(res!.errors).toBeUndefined();
    expect((res!.data as { company: { domains: string[] } }).company.domains.length).toBeGreaterThan(0);
    expect(sql).toHaveLength(3);
    expect(sql.filter((s) => /DISTINCT/.test(s))).toEqual([]);
  });
});
