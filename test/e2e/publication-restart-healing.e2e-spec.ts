import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCompany } from '../support/forum-client.js';
import { companies } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';
import {
  env,
  freePort,
  postReply,
  publishedThread,
  settled,
  startRedis,
  stopRedis,
  tally,
  TEST_MS,
} from './publication-self-healing.helpers.js';

/**
 * Issue 12: Redis restarted without persistence while publish jobs were delayed; see the helpers for the whole
 * story. (Restarting the API inside one Jest process is not possible: Nest's GraphQL type metadata is built once
 * per module registry; the sweep runs from whichever worker is up, at boot and every OUTBOX_SWEEP_INTERVAL_MS.)
 */
describe('publication heals after Redis loses its jobs (private Redis, real PostgreSQL)', () => {
  describe('Redis restarts without persistence while publish jobs are delayed, the running API heals', () => {
    let api: TestApi;
    let redis: ChildProcess;
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      redis = await startRedis(port);
      api = await startTestApi(env(port));
    }, TEST_MS);

    afterAll(async () => {
      await api?.close();
      await stopRedis(redis);
    }, TEST_MS);

    it(
      'publishes all 20 replies exactly once',
      async () => {
        const [first] = await companies(api.dataSource);
        const company = await openCompany(api, first.slug);
        const threadId = await publishedThread(api, company);
        for (let i = 0; i < 20; i++) {
          await postReply(api.gql, api, company, threadId, `Delayed reply ${i}: the canteen menu changed again.`);
        }
        // Every reply screened and handed to a publish job that waits out its 30 s delay in Redis.
        await until(
          async () => {
            const t = await tally(api.dataSource, threadId);
            return t.items === 20 && t.relayedUnpublished + t.published === 20;
          },
          30_000,
          '20 replies screened and relayed',
        );
        const before = await tally(api.dataSource, threadId);
        expect(before.relayedUnpublished).toBeGreaterThan(0);

        // Redis restarts without persistence: every delayed publish job (and every scheduler) is gone.
        await stopRedis(redis);
        redis = await startRedis(port);

        const done = await settled(api.app, api.dataSource, threadId, 20);
        expect(done).toEqual({
          published: 20,
          pending: 0,
          replyCount: 20,
          items: 20,
          outbox: 0,
          relayedUnpublished: 0,
        });
        console.log(
          `Redis restarted empty with ${before.relayedUnpublished} of 20 publish jobs delayed: ` +
            `${done.published} of 20 published, reply count ${done.replyCount}`,
        );
      },
      TEST_MS,
    );
  });
});
