import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ContentType } from '@unlinked/db/anonymous';
import { PublicationService } from '@unlinked/forum';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { Author, mintToken, openCompany, postThread, TokenKind, type TestCompany } from '../support/forum-client.js';
import { LogCapture } from '../support/log-capture.js';
import { companies } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * Issue 12, "Redis losing its jobs leaves paid posts pending for ever": the
 * relay marks outbox rows relayed once their job is in Redis, so a Redis that
 * comes back empty used to leave them pending. The outbox sweep re-sends
 * every relayed row past its (coarse) due time whose job is gone. Each
 * scenario runs on a private Redis without persistence (the shared one on
 * 6379 is never stopped) and counts publication side effects (a thread's
 * reply count), so "exactly once" is measured, not assumed.
 */

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

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await until(
    async () => {
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
    },
    20_000,
    'the private Redis',
  );
  return child;
}

async function stopRedis(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Settings for a slow machine: short intervals, a publication delay long enough to outlast the set-up steps. */
function env(port: number): Record<string, string> {
  return {
    REDIS_URL: `redis://127.0.0.1:${port}`,
    RUN_WORKERS: 'true',
    OUTBOX_RELAY_INTERVAL_MS: '100',
    OUTBOX_SWEEP_INTERVAL_MS: '200',
    SCHEDULER_RESYNC_MS: '300',
    TIME_BUCKET_SECONDS: '1',
    PUBLISH_DELAY_MIN_SECONDS: '30',
    PUBLISH_DELAY_MAX_SECONDS: '30',
  };
}

const HEAL_MS = 120_000;
/** Jest's own bound per test: set-up, the 30 s delay, healing, with room for a slow machine. */
const TEST_MS = 4 * 60_000;

async function postReply(
  gql: TestApi['gql'],
  api: TestApi,
  company: TestCompany,
  threadId: string,
  body: string,
): Promise<string> {
  const author = new Author();
  const res = await gql<{ createReply: { id: string } }>(
    /* GraphQL */ `
      mutation CreateReply($input: CreateReplyInput!, $token: String) {
        createReply(input: $input, token: $token) {
          id
        }
      }
    `,
    {
      input: {
        companySlug: company.slug,
        threadId,
        quotedReplyId: null,
        body,
        authorKey: author.publicKey,
        signature: author.sign('create-reply', [threadId, '', body]),
      },
      token: mintToken(api, company, TokenKind.Post),
    },
  );
  if (res.errors) throw new Error(`createReply refused: ${JSON.stringify(res.errors)}`);
  return res.data!.createReply.id;
}

/** A published thread to reply to, published through the one publish path (no waiting for its delay). */
async function publishedThread(api: TestApi, company: TestCompany): Promise<string> {
  const id = await postThread(api, company, 'Moving offices', 'We are moving to the new campus next month.');
  const [row] = (await api.dataSource.query(`SELECT id FROM publication_outbox WHERE content_id = $1`, [id])) as {
    id: string;
  }[];
  await api.app.get(PublicationService).publish(ContentType.Thread, id, row.id);
  return id;
}

interface Tally {
  published: number;
  pending: number;
  replyCount: number;
  items: number;
  outbox: number;
  relayedUnpublished: number;
}

async function tally(dataSource: DataSource, threadId: string): Promise<Tally> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*)::int FROM replies WHERE thread_id = $1 AND status = 'published') AS published,
            (SELECT count(*)::int FROM replies WHERE thread_id = $1 AND status = 'pending') AS pending,
            (SELECT reply_count FROM threads WHERE id = $1) AS "replyCount",
            (SELECT count(*)::int FROM moderation_items i JOIN replies r ON r.id = i.content_id
              WHERE r.thread_id = $1) AS items,
            (SELECT count(*)::int FROM publication_outbox) AS outbox,
            (SELECT count(*)::int FROM publication_outbox o JOIN replies r ON r.id = o.content_id
              WHERE o.relayed AND r.status = 'pending') AS "relayedUnpublished"`,
    [threadId],
  )) as Tally[];
  return row;
}

/** Waits until every reply is published and nothing is left to run, then returns the tally. */
async function settled(app: NestFastifyApplication, dataSource: DataSource, threadId: string, n: number) {
  const queues = [QueueName.Moderation, QueueName.Publication].map((q) =>
    app.get<Queue>(getQueueToken(q), { strict: false }),
  );
  return until(
    async () => {
      const t = await tally(dataSource, threadId);
      if (t.published !== n || t.outbox !== 0) return undefined;
      // No screening or publication job left that could still change anything (repeatable jobs aside).
      for (const q of queues) {
        const left = await q.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
        if (left.some((j) => j && (j.name === JobName.ScreenContent || j.name === JobName.PublishContent))) {
          return undefined;
        }
      }
      return t;
    },
    HEAL_MS,
    `all ${n} replies published and the queues drained`,
  );
}

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

  describe('Redis restarts without persistence while publish jobs are delayed, then the API restarts', () => {
    let api: TestApi;
    let redis: ChildProcess;
    let port: number;
    let app: NestFastifyApplication | undefined;

    beforeAll(async () => {
      port = await freePort();
      redis = await startRedis(port);
      api = await startTestApi(env(port));
    }, TEST_MS);

    afterAll(async () => {
      if (app) {
        await app.close();
        await api.db.drop();
        rmSync(api.config.dataDir, { recursive: true, force: true });
      } else {
        await api?.close();
      }
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

        await stopRedis(redis);
        redis = await startRedis(port);
        await api.app.close();
        app = await createApi(api.config, { logStream: new LogCapture(), schemaFile: false });
        await app.listen({ port: 0, host: '127.0.0.1' });

        const done = await settled(app, app.get(DataSource), threadId, 20);
        expect(done).toEqual({
          published: 20,
          pending: 0,
          replyCount: 20,
          items: 20,
          outbox: 0,
          relayedUnpublished: 0,
        });
        console.log(
          `Redis restarted empty with ${before.relayedUnpublished} of 20 publish jobs delayed, API restarted: ` +
            `${done.published} of 20 published, reply count ${done.replyCount}`,
        );
      },
      TEST_MS,
    );
  });
});
