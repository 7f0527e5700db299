import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { TEST_PG_URL } from '../support/test-database.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';

const COMPANY = `query C($slug: String!) { company(slug: $slug) { name } }`;

async function ready(api: TestApi): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api.url}/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Issue 12: while PostgreSQL is away, clients get SERVICE_UNAVAILABLE and /ready says which. The Redis outage is in
 * moderation-redis-outage.e2e-spec.ts (the same answers, and one log line per connection).
 */
describe('a PostgreSQL outage (real PostgreSQL)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await admin(`ALTER DATABASE ${new URL(api.db.url).pathname.slice(1)} ALLOW_CONNECTIONS true`);
    await api.close();
  });

  it('answers SERVICE_UNAVAILABLE and /ready 503 naming the database while PostgreSQL refuses it', async () => {
    const name = new URL(api.db.url).pathname.slice(1);
    expect((await api.gql(COMPANY, { slug: 'baidu' })).errors).toBeUndefined();
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);

    const res = await api.gql(COMPANY, { slug: 'baidu' });
    expect(res.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const down = await ready(api);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: { database: { status: 'down' } } });

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await until(async () => (await ready(api)).status === 200, LONG_WAIT_MS);
    expect((await api.gql(COMPANY, { slug: 'baidu' })).errors).toBeUndefined();
  });
});
