import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCompany, postThread, type TestCompany } from '../support/forum-client.js';
import { companies, threadStatus, until } from '../support/moderation-fixtures.js';
import { freePort, startRedis, stopRedis } from '../support/redis-server.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';

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

    // While Redis is away: /ready names it, a request that needs it is SERVICE_UNAVAILABLE (issue 12).
    const down = await until(async () => {
      const res = await fetch(`${api.url}/ready`);
      return res.status === 503 ? ((await res.json()) as Record<string, unknown>) : undefined;
    }, LONG_WAIT_MS);
    expect(down).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: { redis: { status: 'down' } } });
    const code = await api.gql(`mutation R($email: String!) { requestVerificationCode(email: $email) { sent } }`, {
      email: 'li.wei@baidu.com',
    });
    expect(code.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await until(() => lostLines().some((e) => e.connection === 'requests'), LONG_WAIT_MS);

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

    // Logs: one line per connection when it is lost (however many reconnect attempts), class and errno only.
    const lost = lostLines();
    expect(new Set(lost.map((e) => e.connection)).size).toBe(lost.length);
    // The first failure is a refused or reset socket (ECONNREFUSED, ECONNRESET) or, when the socket closed before
    // an errno was set, libuv's bare number ("-1", seen once in test:stress): a class and a code, never a message.
    for (const e of lost)
      expect(e.err).toMatchObject({ type: expect.any(String), errorCode: expect.stringMatching(/^(E[A-Z]+|-?\d+)$/) });
    expect(api.logs.text).not.toMatch(/Unhandled error event|"stack"/);
    expect(api.logs.entries().some((e) => e.msg === 'Redis connection back' && e.connection === 'requests')).toBe(true);
  });

  function lostLines(): Record<string, unknown>[] {
    return api.logs.entries().filter((e) => e.msg === 'Redis connection lost; retrying');
  }
});
