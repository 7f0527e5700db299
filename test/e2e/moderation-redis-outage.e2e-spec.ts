import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { openCompany, postThread, type TestCompany } from '../support/forum-client.js';
import { companies, threadStatus, until } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS, WAIT_MS } from '../support/timing.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private Redis for this suite: the shared one on 6379 is never stopped. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await until(async () => {
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }, WAIT_MS);
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('moderation: Redis stops while content is submitted (private Redis, real PostgreSQL)', () => {
  let api: TestApi;
  let redis: ChildProcess;
  let port: number;
  let company: TestCompany;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    api = await startTestApi({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      SCHEDULER_RESYNC_MS: '300',
    });
    const [first] = await companies(api.dataSource);
    company = await openCompany(api, first.slug);
  });

  afterAll(async () => {
    await api.close();
    await stopRedis(redis);
  });

  it('accepts writes into the outbox, then screens and publishes everything once Redis returns', async () => {
    await stopRedis(redis);

    const ids: string[] = [];
    for (const body of ['First post while Redis is down.', 'Second post, also fine.', 'Third one, with 13812345678.']) {
      ids.push(await postThread(api, company, 'Outage', body));
    }
    const outbox = async () =>
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM publication_outbox`)) as { n: number }[])[0].n;
    expect(await outbox()).toBe(3);
    for (const id of ids) expect(await threadStatus(api.dataSource, id)).toBe('pending');

    redis = await startRedis(port);

    await until(async () => (await threadStatus(api.dataSource, ids[0])) === 'published', LONG_WAIT_MS);
    await until(async () => (await threadStatus(api.dataSource, ids[1])) === 'published', LONG_WAIT_MS);
    const items = await until(async () => {
      const rows = (await api.dataSource.query(
        `SELECT content_id, state FROM moderation_items WHERE content_id = ANY($1::uuid[]) ORDER BY content_id`,
        [ids],
      )) as { content_id: string; state: string }[];
      return rows.length === 3 ? rows : undefined;
    }, LONG_WAIT_MS);
    const state = Object.fromEntries(items.map((r) => [r.content_id, r.state]));
    expect([state[ids[0]], state[ids[1]], state[ids[2]]]).toEqual(['published', 'published', 'held']);
    expect(await threadStatus(api.dataSource, ids[2])).toBe('pending');
    await until(async () => (await outbox()) === 0, LONG_WAIT_MS);
  });
});
