import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ContentType } from '@unlinked/db/anonymous';
import { PublicationService } from '@unlinked/forum';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Author, mintToken, postThread, TokenKind, type TestCompany } from '../support/forum-client.js';
import type { TestApi } from '../support/test-app.js';
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

export { freePort, startRedis, stopRedis } from '../support/redis-server.js';

/** Settings for a slow machine: short intervals, a publication delay long enough to outlast the set-up steps. */
export function env(port: number): Record<string, string> {
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

export const HEAL_MS = 120_000;
/** Jest's own bound per test: set-up, the 30 s delay, healing, with room for a slow machine. */
export const TEST_MS = 4 * 60_000;

export async function postReply(
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
export async function publishedThread(api: TestApi, company: TestCompany): Promise<string> {
  const id = await postThread(api, company, 'Moving offices', 'We are moving to the new campus next month.');
  const [row] = (await api.dataSource.query(`SELECT id FROM publication_outbox WHERE content_id = $1`, [id])) as {
    id: string;
  }[];
  await api.app.get(PublicationService).publish(ContentType.Thread, id, row.id);
  return id;
}

export interface Tally {
  published: number;
  pending: number;
  replyCount: number;
  items: number;
  outbox: number;
  relayedUnpublished: number;
}

export async function tally(dataSource: DataSource, threadId: string): Promise<Tally> {
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
export async function settled(app: NestFastifyApplication, dataSource: DataSource, threadId: string, n: number) {
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
