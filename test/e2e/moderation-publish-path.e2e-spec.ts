import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ContentType } from '@unlinked/db/anonymous';
import { PublicationService } from '@unlinked/forum';
import { authorKey, companies, insertThread, staff, staffTokens } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const MODERATE = /* GraphQL */ `
  mutation Moderate($input: ModerateInput!) {
    moderate(input: $input) {
      id
      state
    }
  }
`;

const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const mod = staff();

/**
 * One publish path: a moderator's approval of held content has exactly the
 * side effects of the delayed publication job (a reply counts into its
 * thread and moves the thread's last activity; a review counts into its
 * company's aggregates). Before the paths were one, approval did not move
 * the thread's last activity, so an approved reply never bumped its thread.
 */
describe('moderator approval and publication share one publish path (PostgreSQL, HTTP)', () => {
  let api: TestApi;
  let company: { id: string; slug: string };

  beforeAll(async () => {
    api = await startTestApi({ STAFF_TOKENS: staffTokens([[mod, 'moderator']]) });
    [company] = await companies(api.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  /** A published thread whose last activity lies long ago. */
  async function oldThread(): Promise<string> {
    const id = await insertThread(api.dataSource, company.id, 'An old thread.', authorKey().publicKey);
    await api.dataSource.query(
      `UPDATE threads SET status = 'published', published_seq = nextval('publication_seq'), created_at = $2, last_activity_at = $2
       WHERE id = $1`,
      [id, LONG_AGO],
    );
    return id;
  }

  async function pendingReply(threadId: string): Promise<string> {
    const [{ id }] = (await api.dataSource.query(
      `INSERT INTO replies (thread_id, company_id, body, author_key, created_at)
       VALUES ($1, $2, 'A reply.', $3, date_trunc('hour', now())) RETURNING id`,
      [threadId, company.id, Buffer.from(authorKey().publicKey)],
    )) as { id: string }[];
    return id;
  }

  async function thread(id: string): Promise<{ reply_count: number; last_activity_at: Date }> {
    const [row] = (await api.dataSource.query(`SELECT reply_count, last_activity_at FROM threads WHERE id = $1`, [
      id,
    ])) as { reply_count: number; last_activity_at: Date }[];
    return row;
  }

  it('approving a held reply bumps its thread (count and last activity) like publishing a screened one', async () => {
    const published = await oldThread();
    const approved = await oldThread();
    const bucket = () => {
      const ms = api.config.anonymity.timeBucketSeconds * 1000;
      return Math.floor(Date.now() / ms) * ms;
    };
    const before = bucket();

    // The normal path: the delayed publication job.
    const first = await pendingReply(published);
    expect(await api.app.get(PublicationService).publish(ContentType.Reply, first)).toBe(true);

    // The moderator path: screening held the reply; a moderator approves it.
    const second = await pendingReply(approved);
    const [{ id: itemId }] = (await api.dataSource.query(
      `INSERT INTO moderation_items (content_type, content_id, company_id, board_slug, state, queue_reason, queued_at,
         screening_outcome, screening_hits, created_at)
       VALUES ('reply', $1, $2, NULL, 'held', 'held', date_trunc('hour', now()), 'hold', '[]', date_trunc('hour', now()))
       RETURNING id`,
      [second, company.id],
    )) as { id: string }[];
    const res = await api.gql<{ moderate: { state: string } }>(
      MODERATE,
      { input: { itemId, action: 'APPROVE' } },
      mod.header,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.moderate.state).toBe('PUBLISHED');
    const after = bucket();

    const [status] = (await api.dataSource.query(`SELECT status FROM replies WHERE id = $1`, [second])) as {
      status: string;
    }[];
    expect(status.status).toBe('published');
    const viaJob = await thread(published);
    const viaModerator = await thread(approved);
    expect(viaJob.reply_count).toBe(1);
    expect(viaModerator.reply_count).toBe(1);
    for (const t of [viaJob, viaModerator]) {
      expect(t.last_activity_at.getTime()).toBeGreaterThan(LONG_AGO.getTime());
      expect([before, after]).toContain(t.last_activity_at.getTime());
    }
  });
});
