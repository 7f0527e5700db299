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

/** Issue 12: Redis killed (no persistence) while 100 replies are submitted; see the helpers for the whole story. */
describe('publication heals after Redis loses its jobs (private Redis, real PostgreSQL)', () => {
  describe('Redis is killed while 100 replies are submitted', () => {
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
      'publishes every reply exactly once after Redis comes back empty',
      async () => {
        const [first] = await companies(api.dataSource);
        const company = await openCompany(api, first.slug);
        const threadId = await publishedThread(api, company);

        const ids: string[] = [];
        for (let i = 0; i < 40; i++) {
          ids.push(await postReply(api.gql, api, company, threadId, `Reply number ${i} about the new campus plans.`));
        }
        // Some replies are handed to Redis (their jobs wait out the 30 s delay there) before it dies.
        await until(async () => (await tally(api.dataSource, threadId)).relayedUnpublished > 0, 20_000, 'relayed rows');
        await stopRedis(redis, 'SIGKILL');
        const atKill = await tally(api.dataSource, threadId);
        expect(atKill.relayedUnpublished).toBeGreaterThan(0);
        for (let i = 40; i < 100; i++) {
          ids.push(await postReply(api.gql, api, company, threadId, `Reply number ${i} about the new campus plans.`));
        }
        redis = await startRedis(port);

        const done = await settled(api.app, api.dataSource, threadId, 100);
        expect(done).toEqual({
          published: 100,
          pending: 0,
          replyCount: 100,
          items: 100,
          outbox: 0,
          relayedUnpublished: 0,
        });
        console.log(
          `Redis killed during 100 replies: ${atKill.relayedUnpublished} relayed and lost with Redis; ` +
            `${done.published} published, reply count ${done.replyCount}`,
        );
      },
      TEST_MS,
    );
  });
});
