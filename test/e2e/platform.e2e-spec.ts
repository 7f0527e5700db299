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
import { HEAVY_TEST_MS } from '../support/timing.js';

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

  it('logs each request with method, route, status, duration and a random id, and no IP or user agent', async () => {
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
    const entry = await until(
      () => api.logs.entries().find((e) => e.msg === 'request' && e.route === '/graphql'),
      5000,
      'the request log line',
    );
    expect(entry).toMatchObject({ method: 'POST', route: '/graphql', status: 200 });
    expect(typeof entry.durationMs).toBe('number');
    expect(entry.reqId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
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

  it('gives every request a different random id', async () => {
    for (let i = 0; i < 3; i++) await fetch(`${api.url}/nowhere`);
    const ids = await until(
      () => {
        const found = api.logs
          .entries()
          .filter((e) => e.route === '(unmatched)')
          .map((e) => e.reqId);
        return found.length >= 3 ? found : undefined;
      },
      5000,
      'three request lines',
    );
    expect(new Set(ids).size).toBe(ids.length);
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
