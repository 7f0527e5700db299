// Demo salary data for development (SEED_DEMO_SALARIES): marked demo, counted through the same recomputation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SalaryDemoSeed } from '@unlinked/forum';
import { startTestApi, type TestApi } from '../support/test-app.js';

describe('demo salary seed (real PostgreSQL)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ SEED_DEMO_SALARIES: 'true' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('fills an empty database at boot with demo reports whose groups show, and never twice', async () => {
    const [{ n, demo }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE demo)::int AS demo FROM salary_reports`,
    )) as { n: number; demo: number }[];
    expect(n).toBeGreaterThan(100);
    expect(demo).toBe(n);
    const res = await api.gql<{
      salaryGroups: {
        edges: { node: { titleKey: string; visible: boolean; reportCount: number; demoReports: number } }[];
      };
    }>(`{ salaryGroups(companySlug: "alibaba") { edges { node { titleKey visible reportCount demoReports } } } }`);
    const groups = Object.fromEntries(res.data!.salaryGroups.edges.map((e) => [e.node.titleKey, e.node]));
    expect(groups['software-engineer']).toMatchObject({ visible: true, reportCount: 14, demoReports: 14 });
    // One title per company stays under the threshold, so the "not enough reports yet" state shows too.
    expect(groups['frontend-engineer']).toMatchObject({ visible: false, reportCount: 4 });
    expect(await api.app.get(SalaryDemoSeed, { strict: false }).seed()).toBe(0);
  });
});
