import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { SCHEMA_FILE } from '@unlinked/platform';
import { LogCapture } from '../support/log-capture.js';
import { clearRedisPrefix, startTestApi, testEnv, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';
import { HEAVY_TEST_MS, WAIT_MS } from '../support/timing.js';

describe('platform', () => {
  let api: TestApi;
  const schemaDir = mkdtempSync(join(tmpdir(), 'unlinked-schema-'));

  beforeAll(async () => {
    api = await startTestApi({}, { schemaFile: join(schemaDir, 'schema.gql') });
  });

  afterAll(async () => {
    await api.close();
    rmSync(schemaDir, { recursive: true, force: true });
  });

  it('counts requests per window by method, route, status and duration, with no IP, user agent or request line', async () => {
    const res = await fetch(`${api.url}/graphql?probe=secret-query-value`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ProbeAgent/9.9',
        'x-forwarded-for': '203.0.113.77',
        cookie: 'probe-cookie=1',
      },
      body: JSON.stringify({ query: '{ companies(first: 1) { edges { cursor } } }' }),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await fetch(`${api.url}/nowhere`)).status).toBe(404);
    // LOG_WINDOW_SECONDS is 1 in tests: the tallies of the windows these requests fell in arrive within seconds.
    const counted = (route: string, status: number) =>
      api.logs
        .entries()
        .filter((e) => e.msg === 'requests')
        .flatMap((e) => e.counts as Record<string, unknown>[])
        .filter((c) => c.route === route && c.status === status)
        .reduce((sum, c) => sum + (c.n as number), 0);
    await until(() => counted('(unmatched)', 404) === 3 && counted('/graphql', 200) >= 1, WAIT_MS, 'the tallies');
    const lines = api.logs.entries().filter((e) => e.msg === 'requests');
    for (const line of lines) {
      expect(line).toMatchObject({ windowSeconds: 1, window: expect.stringMatching(/T\d\d:\d\d:\d\d\.000Z$/) });
    }
    const graphql = lines.flatMap((e) => e.counts as Record<string, unknown>[]).find((c) => c.route === '/graphql');
    expect(graphql).toMatchObject({ method: 'POST', meanMs: expect.any(Number), maxMs: expect.any(Number) });
    expect(api.logs.entries().some((e) => e.msg === 'request' || 'reqId' in e)).toBe(false);
    for (const leak of [
      'ProbeAgent',
      '203.0.113.77',
      '127.0.0.1',
      'probe-cookie',
      'secret-query-value',
      'user-agent',
      'remoteAddress',
    ]) {
      expect(api.logs.text).not.toContain(leak);
    }
  });

  it('keeps the committed GraphQL schema up to date (apps/api/schema.gql)', () => {
    const generated = readFileSync(join(schemaDir, 'schema.gql'), 'utf8');
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // Regenerate by booting the API in development (it writes the file) and commit the result.
    expect(committed).toBe(generated);
  });
});

// The PGlite boot below (WebAssembly migrations and seed) is CPU-heavy on a loaded machine.
jest.setTimeout(HEAVY_TEST_MS);

describe('zero-setup default (no DATABASE_URL)', () => {
  it('boots on embedded PGlite, migrates, seeds and serves companies', async () => {
    const env = testEnv(undefined, { SEED_ON_EMPTY: 'true' });
    const config = loadConfig(env);
    expect(config.databaseUrl).toBeUndefined();
    const app = await createApi(config, { logStream: new LogCapture(), schemaFile: true });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ company(slug: "alibaba") { name domains } }' }),
      });
      expect(await res.json()).toEqual({
        data: { company: { name: 'Alibaba Group', domains: expect.arrayContaining(['alibaba-inc.com']) } },
      });
    } finally {
      await app.close();
      await clearRedisPrefix(config.queuePrefix);
      rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
