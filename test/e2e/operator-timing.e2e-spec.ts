// What the operator keeps about when anonymous content moved (issue 15, "no fine timing"): logs count
// events per window instead of a line each, and BullMQ's event streams stay short.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueueName } from '@unlinked/jobs';
import { Redis } from 'ioredis';
import { openCompany, postThread } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/test-database.js';
import { until } from '../support/until.js';
import { HEAVY_TEST_MS } from '../support/timing.js';

const POSTS = 60;
const EVENTS_MAX_LEN = 5;
/** Redis trims a stream by whole nodes (`MAXLEN ~`): it keeps at most one node (100 entries) beyond the limit. */
const STREAM_NODE = 100;
/** Log messages of events that follow anonymous writes: each must come as a per-window tally. */
const TALLIED = ['requests', 'Screened', 'Relayed publication outbox', 'Publication jobs done'];

describe('operator storage: no fine timing of anonymous content in logs or BullMQ streams', () => {
  let api: TestApi;
  let redis: Redis;
  let closed = false;

  beforeAll(async () => {
    // A day-long window: a run can straddle at most one boundary, so each tally comes in one or two lines.
    api = await startTestApi({
      RUN_WORKERS: 'true',
      LOG_WINDOW_SECONDS: '86400',
      QUEUE_EVENTS_MAX_LEN: String(EVENTS_MAX_LEN),
    });
    redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await redis.connect();
  });

  afterAll(async () => {
    if (!closed) await api?.close();
    await redis?.quit();
  });

  it(
    `posts ${POSTS} threads; logs count them per window and each event stream stays near ${EVENTS_MAX_LEN} entries`,
    async () => {
      const company = await openCompany(api, 'baidu');
      const ids: string[] = [];
      for (let i = 0; i < POSTS; i++) {
        ids.push(await postThread(api, company, `Operator timing ${i}`, `Thread number ${i} about team culture.`));
      }
      await until(
        async () => {
          const [{ n }] = (await api.dataSource.query(
            `SELECT count(*)::int AS n FROM threads WHERE id = ANY($1) AND status = 'published'`,
            [ids],
          )) as { n: number }[];
          return n === POSTS;
        },
        HEAVY_TEST_MS,
        'every thread published',
      );

      const prefix = api.config.queuePrefix;
      for (const queue of [QueueName.Moderation, QueueName.Publication]) {
        expect(await redis.hget(`${prefix}:${queue}:meta`, 'opts.maxLenEvents')).toBe(String(EVENTS_MAX_LEN));
        const length = await redis.xlen(`${prefix}:${queue}:events`);
        expect(length).toBeGreaterThan(0);
        expect(length).toBeLessThanOrEqual(EVENTS_MAX_LEN + STREAM_NODE);
      }

      // Shutdown flushes the open window; until then nothing about these posts reached the log.
      closed = true;
      await api.close();
      const entries = api.logs.entries();
      for (const message of TALLIED) {
        const lines = entries.filter((e) => e.msg === message);
        expect(lines.length).toBeGreaterThanOrEqual(1);
        expect(lines.length).toBeLessThanOrEqual(2);
        for (const line of lines) {
          expect(line).toMatchObject({ windowSeconds: 86400, counts: expect.any(Array) });
          expect(new Date(line.window as string).getTime() % 86_400_000).toBe(0);
        }
      }
      const counted = (message: string, match: Record<string, unknown>) =>
        entries
          .filter((e) => e.msg === message)
          .flatMap((e) => e.counts as Record<string, unknown>[])
          .filter((c) => Object.entries(match).every(([k, v]) => c[k] === v))
          .reduce((sum, c) => sum + (c.n as number), 0);
      expect(counted('Screened', { what: 'content', contentType: 'thread', outcome: 'publish' })).toBe(POSTS);
      expect(counted('Publication jobs done', { contentType: 'thread', published: true })).toBe(POSTS);
      expect(counted('Relayed publication outbox', {})).toBe(POSTS);
      expect(counted('requests', { method: 'POST', route: '/graphql', status: 200 })).toBeGreaterThanOrEqual(POSTS);
      // No line per request or per job: no request id and no per-event message anywhere.
      expect(entries.some((e) => 'reqId' in e || e.msg === 'request' || e.msg === 'Publication job done')).toBe(false);
    },
    HEAVY_TEST_MS * 2,
  );
});
