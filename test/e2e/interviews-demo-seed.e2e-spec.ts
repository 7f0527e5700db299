// Issue 14: demo interview reviews for development, marked demo, published through the one publish path, never
// loaded outside development. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoInterviewsSeeder } from '@unlinked/forum';
import { startTestApi, type TestApi } from '../support/test-app.js';

const STATS = /* GraphQL */ `
  query Stats($slug: String!) {
    company(slug: $slug) {
      interviewStats {
        overall {
          reportCount
          aggregatesVisible
          difficultyAverage
        }
      }
    }
    interviews(companySlug: $slug, first: 50) {
      edges {
        node {
          demo
          questions
        }
      }
    }
  }
`;

type Stats = {
  company: { interviewStats: { overall: { reportCount: number; aggregatesVisible: boolean } } };
  interviews: { edges: { node: { demo: boolean; questions: string[] } }[] };
};

describe('demo interview reviews (development seed)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ INTERVIEW_MIN_REPORTS: '5' });
  });

  afterAll(async () => {
    await api?.close();
  });

  const count = async () =>
    ((await api.dataSource.query(`SELECT count(*)::int AS n FROM interviews`)) as { n: number }[])[0].n;

  it('loads nothing at boot outside development', async () => {
    expect(await count()).toBe(0);
  });

  it('writes published demo reviews whose aggregates count like any others, once', async () => {
    const seeder = api.app.get(DemoInterviewsSeeder);
    const added = await seeder.seed();
    expect(added).toBeGreaterThanOrEqual(25);
    expect(await count()).toBe(added);
    const rows = (await api.dataSource.query(
      `SELECT count(*) FILTER (WHERE demo AND status = 'published' AND published_seq IS NOT NULL)::int AS ok,
              count(*)::int AS n FROM interviews`,
    )) as { ok: number; n: number }[];
    expect(rows[0].ok).toBe(rows[0].n);
    const res = await api.gql<Stats>(STATS, { slug: 'alibaba' });
    expect(res.errors).toBeUndefined();
    const { overall } = res.data!.company.interviewStats;
    expect(overall.aggregatesVisible).toBe(true);
    expect(overall.reportCount).toBe(res.data!.interviews.edges.length);
    expect(res.data!.interviews.edges.every((e) => e.node.demo && e.node.questions.length > 0)).toBe(true);
    // Idempotent: a database with interviews gets no more.
    expect(await seeder.seed()).toBe(0);
    expect(await count()).toBe(added);
  });
});
