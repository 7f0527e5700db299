// Salaries on embedded PGlite (the zero-setup default, where development also seeds demo salaries at boot): the
// aggregate SQL (advisory lock, GROUPING SETS, percentile_cont, mode) runs there as on PostgreSQL.
import { rmSync } from 'node:fs';
import { expect, it, jest } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { LogCapture } from '../support/log-capture.js';
import { clearRedisPrefix, testEnv } from '../support/test-app.js';
import { HEAVY_TEST_MS } from '../support/timing.js';

// PGlite (WebAssembly) migrates and seeds at boot: slow on a loaded machine.
jest.setTimeout(HEAVY_TEST_MS);

it('seeds demo salaries at boot on PGlite and serves their aggregates', async () => {
  const config = loadConfig(testEnv(undefined, { SEED_DEMO_SALARIES: 'true' }));
  expect(config.databaseUrl).toBeUndefined();
  const app = await createApi(config, { logStream: new LogCapture(), schemaFile: true });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ salaryGroups(companySlug: "tencent", sort: MedianTotal) { edges { node {
          titleKey visible reportCount total { median } breakdown { scope } } } }
          salaryLookup(jobTitle: "软件工程师", city: "Beijing") { edges { node { company { slug } scope } } } }`,
      }),
    });
    const body = (await res.json()) as {
      errors?: unknown;
      data: {
        salaryGroups: { edges: { node: { titleKey: string; visible: boolean; total: { median: number } | null } }[] };
        salaryLookup: { edges: { node: { company: { slug: string }; scope: string } }[] };
      };
    };
    expect(body.errors).toBeUndefined();
    const groups = body.data.salaryGroups.edges.map((e) => e.node);
    const swe = groups.find((g) => g.titleKey === 'software-engineer')!;
    expect(swe.visible).toBe(true);
    expect(swe.total!.median % 1000).toBe(0);
    expect(groups.find((g) => g.titleKey === 'frontend-engineer')).toMatchObject({ visible: false, total: null });
    expect(body.data.salaryLookup.edges.map((e) => e.node.company.slug)).toContain('tencent');
  } finally {
    await app.close();
    await clearRedisPrefix(config.queuePrefix);
    rmSync(config.dataDir, { recursive: true, force: true });
  }
});
