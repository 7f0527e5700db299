import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@unlinked/jobs';
import type { Job, Queue } from 'bullmq';
import {
  ArcHolder,
  Author,
  mintToken,
  openCompany,
  postThread,
  TokenKind,
  type TestCompany,
} from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';

/**
 * Publication after a real, non-zero random delay (every other suite sets the
 * range to 0). Nothing here sleeps: the test waits for the PublishContent job
 * to sit in BullMQ's delayed set, reads while it is still there (and asserts
 * it still is afterwards, so the reads provably happened before the delay
 * ran out), then waits for publication.
 *
 * The range is sized for a loaded machine: the reads between two looks at the
 * delayed job take milliseconds, and the shortest delay is 3 s.
 */
const MIN_SECONDS = 3;
const MAX_SECONDS = 5;

const STATUS = `query S($id: ID!) { contentStatus(id: $id) }`;
const THREAD = `query T($id: ID!) { thread(id: $id) { id replyCount replies(first: 10) { edges { node { id } } } } }`;
const BOARD = `query B($slug: String) { threads(companySlug: $slug, first: 50) { edges { node { id } } } }`;
const SEARCH = `query Q($q: String!) { searchThreads(query: $q) { edges { node { id } } } }`;
const REVIEWS = `query R($slug: String!) { reviews(companySlug: $slug, first: 50) { edges { node { id } } } }`;
const STATS = `query C($slug: String!) { company(slug: $slug) { reviewStats { reviewCount } } }`;

describe('forum: content stays invisible until its random publication delay has passed', () => {
  let api: TestApi;
  let company: TestCompany;
  let publications: Queue;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      PUBLISH_DELAY_MIN_SECONDS: String(MIN_SECONDS),
      PUBLISH_DELAY_MAX_SECONDS: String(MAX_SECONDS),
    });
    company = await openCompany(api, 'alibaba', 25);
    publications = api.app.get<Queue>(getQueueToken(QueueName.Publication), { strict: false });
  });

  afterAll(async () => {
    await api?.close();
  });

  async function status(id: string): Promise<string | undefined> {
    return (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus;
  }

  /**
   * Waits for the content's PublishContent job to be delayed, checks its delay
   * is the one drawn at submission and inside the configured range, runs
   * `invisible` while the job is still delayed, then waits for publication.
   */
  async function heldForItsDelay(contentId: string, invisible: () => Promise<void>): Promise<Job> {
    const [outbox] = (await api.dataSource.query(`SELECT id, delay_ms FROM publication_outbox WHERE content_id = $1`, [
      contentId,
    ])) as { id: string; delay_ms: number }[];
    expect(outbox).toBeDefined();
    expect(outbox.delay_ms).toBeGreaterThanOrEqual(MIN_SECONDS * 1000);
    expect(outbox.delay_ms).toBeLessThanOrEqual(MAX_SECONDS * 1000);
    // The job id is the outbox id (screening hands passing content on under it).
    const job = await until(
      async () => {
        const j = await publications.getJob(outbox.id);
        return j && (await j.getState()) === 'delayed' ? j : undefined;
      },
      LONG_WAIT_MS,
      `the publish job of ${contentId} to be delayed`,
    );
    // Dated at its time bucket's start (privacy rule 5), the delay stretched by the time since then.
    const bucketMs = api.config.anonymity.timeBucketSeconds * 1000;
    expect(job.timestamp % bucketMs).toBe(0);
    expect(job.opts.delay).toBeGreaterThanOrEqual(outbox.delay_ms);
    expect(job.opts.delay! - outbox.delay_ms).toBeLessThan(bucketMs);
    expect(Date.now() - job.timestamp).toBeLessThan(bucketMs + LONG_WAIT_MS);
    await invisible();
    // Still delayed after the reads: they saw the content before its delay ran out.
    expect(await job.getState()).toBe('delayed');
    await until(async () => (await status(contentId)) === 'Published', LONG_WAIT_MS, `${contentId} to be published`);
    // Published no earlier than its due instant.
    expect(Date.now()).toBeGreaterThanOrEqual(job.timestamp + job.opts.delay!);
    return job;
  }

  async function onBoard(id: string): Promise<boolean> {
    const res = await api.gql<{ threads: { edges: { node: { id: string } }[] } }>(BOARD, { slug: company.slug });
    return res.data!.threads.edges.some((e) => e.node.id === id);
  }

  async function found(query: string, id: string): Promise<boolean> {
    const res = await api.gql<{ searchThreads: { edges: { node: { id: string } }[] } }>(SEARCH, { q: query });
    return res.data!.searchThreads.edges.some((e) => e.node.id === id);
  }

  async function reviewListed(id: string): Promise<boolean> {
    const res = await api.gql<{ reviews: { edges: { node: { id: string } }[] } }>(REVIEWS, { slug: company.slug });
    return res.data!.reviews.edges.some((e) => e.node.id === id);
  }

  async function reviewCount(): Promise<number> {
    return (await api.gql<{ company: { reviewStats: { reviewCount: number } } }>(STATS, { slug: company.slug })).data!
      .company.reviewStats.reviewCount;
  }

  async function writeReview(): Promise<string> {
    const author = new Author();
    const fields = {
      overall: 4,
      culture: 4,
      workLife: 3,
      seniorManagement: 3,
      compensation: 4,
      career: 3,
      diversity: 4,
      ceoApproval: 'approve',
      recommend: true,
      outlook: 'positive',
      employment: 'current',
      jobTitle: null,
      location: null,
      tenure: null,
      pros: 'Delayed review: patient and careful colleagues.',
      cons: 'Delayed review: the canteen closes far too early.',
      advice: null,
    };
    const res = await api.gql<{ createReview: { id: string; status: string } }>(
      `mutation R($input: CreateReviewInput!, $token: String) { createReview(input: $input, token: $token) { id status } }`,
      {
        input: {
          companySlug: company.slug,
          ...fields,
          ceoApproval: 'Approve',
          outlook: 'Positive',
          employment: 'Current',
          authorKey: author.publicKey,
          signature: author.sign('create-review', [company.slug, ...Object.values(fields)]),
        },
        token: new ArcHolder(api, company).review(),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReview.status).toBe('Pending');
    return res.data!.createReview.id;
  }

  it('publishes a thread and a review only after their delays, and a reply after its own', async () => {
    const word = `delayword${Date.now().toString(36)}`;
    const threadId = await postThread(api, company, 'Held back for a while', `A thread about ${word}.`);
    const reviewsBefore = await reviewCount();
    const reviewId = await writeReview();

    // Both wait in parallel: each is checked while its own job is still delayed.
    await Promise.all([
      heldForItsDelay(threadId, async () => {
        expect(await status(threadId)).toBe('Pending');
        expect((await api.gql(THREAD, { id: threadId })).errors?.[0].extensions?.code).toBe('THREAD_NOT_FOUND');
        expect(await onBoard(threadId)).toBe(false);
        expect(await found(word, threadId)).toBe(false);
      }),
      heldForItsDelay(reviewId, async () => {
        expect(await status(reviewId)).toBe('Pending');
        expect(await reviewListed(reviewId)).toBe(false);
        expect(await reviewCount()).toBe(reviewsBefore);
      }),
    ]);

    // After the delay: visible everywhere a reader looks.
    expect((await api.gql<{ thread: { id: string } }>(THREAD, { id: threadId })).data!.thread.id).toBe(threadId);
    expect(await onBoard(threadId)).toBe(true);
    expect(await found(word, threadId)).toBe(true);
    expect(await reviewListed(reviewId)).toBe(true);
    expect(await reviewCount()).toBe(reviewsBefore + 1);

    // A reply to the now public thread is held for a delay of its own.
    const replier = new Author();
    const body = 'A reply that also waits its turn.';
    const reply = await api.gql<{ createReply: { id: string } }>(
      `mutation C($input: CreateReplyInput!, $token: String) { createReply(input: $input, token: $token) { id } }`,
      {
        input: {
          companySlug: company.slug,
          threadId,
          quotedReplyId: null,
          body,
          authorKey: replier.publicKey,
          signature: replier.sign('create-reply', [threadId, '', body]),
        },
        token: mintToken(api, company, TokenKind.Post),
      },
    );
    expect(reply.errors).toBeUndefined();
    const replyId = reply.data!.createReply.id;
    type T = { thread: { replyCount: number; replies: { edges: { node: { id: string } }[] } } };
    const thread = async () => (await api.gql<T>(THREAD, { id: threadId })).data!.thread;
    await heldForItsDelay(replyId, async () => {
      expect(await status(replyId)).toBe('Pending');
      const t = await thread();
      expect(t.replyCount).toBe(0);
      expect(t.replies.edges).toEqual([]);
    });
    const t = await thread();
    expect(t.replyCount).toBe(1);
    expect(t.replies.edges.map((e) => e.node.id)).toEqual([replyId]);
  });
});
