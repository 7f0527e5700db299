import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@unlinked/jobs';
import { Queue } from 'bullmq';
import { FORUM_DB } from '@unlinked/db/anonymous';
import type { DataSource } from 'typeorm';
import { OutboxRelayService } from '@unlinked/forum';
import { PRUNE_TARGETS, PruneService } from '@unlinked/platform';
import { Author, mintToken, openCompany, TokenKind, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { HEAVY_TEST_MS } from '../support/timing.js';

const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!, $token: String) {
    createThread(input: $input, token: $token) {
      id
      status
    }
  }
`;

// 200 concurrent token verifications: over 60 s when a stress run starts every suite at once.
jest.setTimeout(HEAVY_TEST_MS);

describe('token redemption under concurrency, and the outbox when Redis is down (PostgreSQL)', () => {
  let api: TestApi;
  let company: TestCompany;

  beforeAll(async () => {
    api = await startTestApi();
    company = await openCompany(api, 'alibaba');
  });

  afterAll(async () => {
    await api.close();
  });

  it('of 200 concurrent redemptions of one token exactly one succeeds; the rest write nothing', async () => {
    const token = mintToken(api, company, TokenKind.Post);
    const attempts = Array.from({ length: 200 }, (_, i) => {
      const author = new Author();
      const title = `race ${i}`;
      const input = {
        companySlug: company.slug,
        title,
        body: 'same token',
        authorKey: author.publicKey,
        signature: author.sign('create-thread', [company.slug, '', title, 'same token']),
      };
      return api.gql<{ createThread: { id: string } }>(CREATE_THREAD, {
        input,
        token,
      });
    });
    const results = await Promise.all(attempts);
    const ok = results.filter((r) => !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(ok).toHaveLength(1);
    expect(codes).toHaveLength(199);
    expect(new Set(codes)).toEqual(new Set(['TOKEN_ALREADY_USED']));
    const [counts] = (await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM threads WHERE body = 'same token') AS threads,
              (SELECT count(*)::int FROM publication_outbox) AS outbox,
              (SELECT count(*)::int FROM spent_tokens) AS spent`,
    )) as { threads: number; outbox: number; spent: number }[];
    expect(counts).toEqual({ threads: 1, outbox: 1, spent: 1 });
  });

  it('keeps outbox rows when Redis is unreachable and relays them once it is back, job id = outbox id', async () => {
    const dataSource = api.app.get<symbol, DataSource>(FORUM_DB);
    const deadQueue = new Queue(QueueName.Publication, {
      connection: {
        host: '127.0.0.1',
        port: 1,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      },
      prefix: api.config.queuePrefix,
    });
    deadQueue.on('error', () => undefined);
    try {
      await expect(new OutboxRelayService(dataSource, deadQueue).relayOnce()).rejects.toThrow();
    } finally {
      await deadQueue.close().catch(() => undefined);
    }
    const pending = (await dataSource.query(`SELECT id FROM publication_outbox WHERE NOT relayed`)) as { id: string }[];
    expect(pending).toHaveLength(1);

    const queue = api.app.get<Queue>(getQueueToken(QueueName.Publication));
    const relay = new OutboxRelayService(dataSource, queue);
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    const job = await queue.getJob(pending[0].id);
    expect(job?.data).toMatchObject({
      outboxId: pending[0].id,
      contentType: 'thread',
    });
    const [row] = (await dataSource.query(`SELECT relayed FROM publication_outbox WHERE id = $1`, [pending[0].id])) as {
      relayed: boolean;
    }[];
    expect(row.relayed).toBe(true);
  });

  it('prunes spent tokens once their key no longer redeems, and keeps live ones', async () => {
    const dataSource = api.app.get<symbol, DataSource>(FORUM_DB);
    expect(PRUNE_TARGETS).toContainEqual({
      side: 'forum',
      table: 'spent_tokens',
      column: 'expires_at',
    });
    await dataSource.query(
      `INSERT INTO spent_tokens (token_key_id, nonce, expires_at) VALUES
         (decode(repeat('aa', 32), 'hex'), decode(repeat('01', 32), 'hex'), now() - interval '1 day')`,
    );
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM spent_tokens`)) as { n: number }[];
    const deleted = await PruneService.over({ forum: dataSource }).run();
    expect(deleted.spent_tokens).toBe(1);
    const after = (await dataSource.query(`SELECT count(*)::int AS n FROM spent_tokens`)) as { n: number }[];
    expect(after[0].n).toBe(before[0].n - 1);
    expect(after[0].n).toBeGreaterThan(0);
  });
});
