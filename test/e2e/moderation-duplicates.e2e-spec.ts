import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ed25519 } from '@noble/curves/ed25519.js';
import { moderationMessage } from '@unlinked/moderation';
import { Redis } from 'ioredis';
import { Author, mintToken, openCompany, postThread, TokenKind, type TestCompany } from '../support/forum-client.js';
import { companies, itemOf, threadStatus } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/test-database.js';
import { until } from '../support/until.js';

/**
 * Issue 12, "Silently dropped replies": the duplicate rule counted one text
 * across the whole forum, so a second person's "Same here, thanks for
 * sharing!" was rejected. Now short texts never count, repeats count per
 * scope (a reply's thread) at the low threshold and anywhere at a higher one,
 * and the author learns of a rejection, with its reason, as soon as it is screened.
 */

const STATUS = /* GraphQL */ `
  query Status($contentType: ModeratedContentType!, $contentId: ID!, $issuedAt: Int!, $signature: String!) {
    contentModerationStatus(
      contentType: $contentType
      contentId: $contentId
      issuedAt: $issuedAt
      signature: $signature
    ) {
      state
      rejectReason
      rejectMessage
    }
  }
`;

const LONG = 'Honestly the reorg announcement answered none of the questions we asked at the town hall.';

describe('duplicate screening (real PostgreSQL, Redis, workers, HTTP)', () => {
  let api: TestApi;
  let company: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' });
    const [first] = await companies(api.dataSource);
    company = await openCompany(api, first.slug);
  });

  afterAll(async () => {
    await api.close();
  });

  async function reply(threadId: string, body: string, author = new Author()): Promise<string> {
    const res = await api.gql<{ createReply: { id: string } }>(
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

  async function thread(title: string): Promise<string> {
    const id = await postThread(api, company, title, `${title}: what do people think about this?`);
    await until(async () => (await threadStatus(api.dataSource, id)) === 'published', 30_000, 'thread published');
    return id;
  }

  /** Waits for the reply's screening and returns its moderation state. */
  async function screened(id: string): Promise<string> {
    return (await until(() => itemOf(api.dataSource, id), 30_000, 'screening')).state;
  }

  it('publishes the same short reply from two people in one thread', async () => {
    const threadId = await thread('Parental leave');
    const a = await reply(threadId, 'Same here, thanks for sharing!');
    const b = await reply(threadId, 'Same here, thanks for sharing!');
    expect([await screened(a), await screened(b)]).toEqual(['published', 'published']);
  });

  it('publishes the same longer text once in each of a few threads, and rejects it from the fourth thread on', async () => {
    const states: string[] = [];
    for (const title of ['Reorg one', 'Reorg two', 'Reorg three', 'Reorg four']) {
      // One after the other: the count depends on which copies were screened before.
      states.push(await screened(await reply(await thread(title), LONG)));
    }
    expect(states).toEqual(['published', 'published', 'published', 'rejected']);
  });

  it('rejects a repeat in the same thread, and tells its author why at once', async () => {
    const threadId = await thread('Town hall');
    const text = 'Copy and paste of the same complaint about the parking garage fees again.';
    // The first copy is screened before the second is sent: with two copies in screening at once, whichever
    // reaches the duplicate store second is the repeat, and that need not be the one sent second.
    expect(await screened(await reply(threadId, text))).toBe('published');
    const author = new Author();
    const id = await reply(threadId, text, author);
    expect(await screened(id)).toBe('rejected');

    const issuedAt = Math.floor(Date.now() / 1000);
    const signature = Buffer.from(
      ed25519.sign(moderationMessage('moderation-status', ['reply', id, String(issuedAt)]), author.secretKey),
    ).toString('base64url');
    const res = await api.gql<{
      contentModerationStatus: { state: string; rejectReason: string; rejectMessage: string };
    }>(STATUS, { contentType: 'REPLY', contentId: id, issuedAt, signature });
    expect(res.errors).toBeUndefined();
    expect(res.data!.contentModerationStatus).toEqual({
      state: 'REJECTED',
      rejectReason: 'DUPLICATE_CONTENT',
      rejectMessage: expect.stringContaining('same text'),
    });
  });

  it('lets duplicate keys expire at a window boundary, not at a time derived from the screening (rule 5)', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${api.config.queuePrefix}:moderation:dup:*`);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThan(0);
      const window = api.config.moderation.screening.duplicateWindowSeconds;
      for (const key of keys) {
        const expireAt = Number(await redis.call('EXPIRETIME', key));
        expect(expireAt % window).toBe(0);
      }
    } finally {
      redis.disconnect();
    }
  });
});
