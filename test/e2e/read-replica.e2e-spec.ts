import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource, seedIfEmpty } from '@unlinked/db';
import pg from 'pg';
import { openCompany, postThread, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';

/**
 * DATABASE_REPLICA_URLS on real PostgreSQL. There is no streaming replication here, so the "replica" is a copy of the
 * seeded primary (CREATE DATABASE … TEMPLATE), and then the two differ on purpose: a company's name is changed on the
 * replica only, and new posts land on the primary only. What a request sees tells which database answered it.
 */
const COMPANY = `query Company($slug: String!) { company(slug: $slug) { name } }`;
const BOARD = `query Board($slug: String) { threads(companySlug: $slug, first: 20) { edges { node { id } } } }`;
const STATUS = `query Status($id: ID!) { contentStatus(id: $id) }`;
const MIXED = `query Mixed($slug: String!, $id: ID!) { company(slug: $slug) { name } contentStatus(id: $id) }`;
const REPLICA_NAME = 'Tencent (as the replica has it)';
const SESSION = { cookie: 'session=not-a-session' };

describe('read replica: anonymous public reads from the replica, everything else from the primary', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let api: TestApi;
  let company: TestCompany;
  let primaryName: string;

  beforeAll(async () => {
    primary = await createTestDatabase();
    const seeding = createDataSource({ databaseUrl: primary.url, dataDir: '', migrationsRun: false });
    await seeding.initialize();
    await seedIfEmpty(seeding);
    await seeding.destroy();
    replica = await createTestDatabase(undefined, primary);
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    await client.query(`UPDATE companies SET name = $1 WHERE slug = 'tencent'`, [REPLICA_NAME]);
    await client.end();
    api = await startTestApi(
      { DATABASE_REPLICA_URLS: replica.url, RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' },
      { database: primary },
    );
    company = await openCompany(api, 'tencent', 25);
    [{ name: primaryName }] = (await api.dataSource.query(`SELECT name FROM companies WHERE slug = 'tencent'`)) as {
      name: string;
    }[];
  });

  afterAll(async () => {
    await api?.close();
    await replica?.drop();
  });

  const nameOf = async (headers: Record<string, string> = {}) =>
    (await api.gql<{ company: { name: string } }>(COMPANY, { slug: 'tencent' }, headers)).data?.company.name;

  it('answers an anonymous public read from the replica', async () => {
    expect(primaryName).not.toBe(REPLICA_NAME);
    expect(await nameOf()).toBe(REPLICA_NAME);
    // A GET persisted-style read too (the web client's reads).
    const search = new URLSearchParams({ query: COMPANY, variables: JSON.stringify({ slug: 'tencent' }) });
    const res = await fetch(`${api.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(((await res.json()) as { data: { company: { name: string } } }).data.company.name).toBe(REPLICA_NAME);
  });

  it('answers the same read from the primary when it carries a session credential', async () => {
    expect(await nameOf(SESSION)).toBe(primaryName);
    expect(await nameOf({ authorization: 'Bearer not-a-session' })).toBe(primaryName);
  });

  it('writes on the primary, and the worker and the author read the primary', async () => {
    const id = await postThread(api, company, 'Replica routing', 'This thread is written to the primary only.');
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    try {
      expect((await client.query(`SELECT 1 FROM threads WHERE id = $1`, [id])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
    // Screening and publication (the worker) read and write the primary; the status query is not public.
    await until(
      async () => (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus === 'Published',
      WAIT_MS,
      'publication',
    );
    const board = async (headers: Record<string, string> = {}) =>
      (
        await api.gql<{ threads: { edges: { node: { id: string } }[] } }>(BOARD, { slug: 'tencent' }, headers)
      ).data!.threads.edges.map((e) => e.node.id);
    // The anonymous board comes from the replica, which (with no replication here) never receives it.
    expect(await board()).not.toContain(id);
    expect(await board(SESSION)).toContain(id);
  });

  it('answers a query mixing a public and a private field from the primary', async () => {
    const id = await postThread(api, company, 'Mixed read', 'A public and a private field in one query.');
    const res = await api.gql<{ company: { name: string }; contentStatus: string }>(MIXED, { slug: 'tencent', id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.company.name).toBe(primaryName);
  });
});
