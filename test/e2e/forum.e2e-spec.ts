import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ArcHolder,
  Author,
  mintToken,
  openCompany,
  TokenKind,
  waitFor,
  type TestCompany,
} from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!, $token: String) {
    createThread(input: $input, token: $token) {
      id
      status
    }
  }
`;
const CREATE_REPLY = /* GraphQL */ `
  mutation CreateReply($input: CreateReplyInput!, $token: String) {
    createReply(input: $input, token: $token) {
      id
      status
    }
  }
`;
const CREATE_REVIEW = /* GraphQL */ `
  mutation CreateReview($input: CreateReviewInput!, $token: String) {
    createReview(input: $input, token: $token) {
      id
      status
    }
  }
`;
const STATUS = /* GraphQL */ `
  query Status($id: ID!) {
    contentStatus(id: $id)
  }
`;
const THREAD = /* GraphQL */ `
  query Thread($id: ID!) {
    thread(id: $id) {
      id
      title
      body
      authorHandle
      replyCount
      revision
      company {
        slug
        name
      }
      board
      replies(first: 10) {
        edges {
          node {
            id
            body
            isOp
            authorHandle
            quotedReplyId
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`;
const THREADS = /* GraphQL */ `
  query Threads($companySlug: String, $board: String, $sort: ThreadSort, $first: Int, $after: String) {
    threads(companySlug: $companySlug, board: $board, sort: $sort, first: $first, after: $after) {
      edges {
        node {
          id
          title
          score
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const REPLY_PAGE = /* GraphQL */ `
  query ReplyPage($id: ID!, $after: String) {
    thread(id: $id) {
      replies(first: 2, after: $after) {
        edges {
          node {
            body
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

type Receipt = { id: string; status: string };
type Page<T> = { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };

describe('forum: write → publish → read (real PostgreSQL, Redis, workers)', () => {
  let api: TestApi;
  let acme: TestCompany;
  let small: TestCompany;
  /** Reviews of the search and edit tests go here, so the aggregates test below sees only its own. */
  let bytedance: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      // This suite posts identical reviews on purpose; screening would reject the copies as duplicates.
      MODERATION_RULE_ACTIONS: 'duplicate=allow',
      BOARD_MIN_VERIFIED: '10',
      AGGREGATE_MIN_REVIEWS: '3',
    });
    acme = await openCompany(api, 'alibaba', 25);
    small = await openCompany(api, 'tencent', 3);
    bytedance = await openCompany(api, 'bytedance', 25);
  });

  afterAll(async () => {
    await api.close();
  });

  async function createThread(
    author: Author,
    fields: { title: string; body: string; board?: string | null },
    company = acme,
  ) {
    const input = {
      companySlug: company.slug,
      board: fields.board ?? null,
      title: fields.title,
      body: fields.body,
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [company.slug, fields.board ?? '', fields.title, fields.body]),
    };
    return api.gql<{ createThread: Receipt }>(CREATE_THREAD, {
      input,
      token: mintToken(api, company, TokenKind.Post),
    });
  }

  async function createReply(author: Author, threadId: string, body: string, quotedReplyId: string | null = null) {
    const input = {
      companySlug: acme.slug,
      threadId,
      quotedReplyId,
      body,
      authorKey: author.publicKey,
      signature: author.sign('create-reply', [threadId, quotedReplyId ?? '', body]),
    };
    return api.gql<{ createReply: Receipt }>(CREATE_REPLY, { input, token: mintToken(api, acme, TokenKind.Post) });
  }

  async function published(id: string) {
    await waitFor(
      async () => (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus === 'Published',
      undefined,
      `content ${id} to be published`,
    );
  }

  const REVIEW_KEYS = [
    'overall',
    'culture',
    'workLife',
    'seniorManagement',
    'compensation',
    'career',
    'diversity',
    'ceoApproval',
    'recommend',
    'outlook',
    'employment',
    'jobTitle',
    'location',
    'tenure',
    'pros',
    'cons',
    'advice',
  ] as const;

  /** A review's fields: as signed (enum values) and as sent (GraphQL enum names). */
  function reviewFields(text: { overall: number; pros: string; cons: string }) {
    const signed = {
      overall: text.overall,
      culture: 4,
      workLife: 2,
      seniorManagement: 3,
      compensation: 5,
      career: 4,
      diversity: 3,
      ceoApproval: 'approve',
      recommend: true,
      outlook: 'positive',
      employment: 'current',
      jobTitle: 'Engineer',
      location: null,
      tenure: '1to3',
      pros: text.pros,
      cons: text.cons,
      advice: null,
    };
    const input = {
      ...signed,
      ceoApproval: 'Approve',
      outlook: 'Positive',
      employment: 'Current',
      tenure: 'OneToThreeYears',
    };
    return { signed: REVIEW_KEYS.map((k) => signed[k]), input };
  }

  /** Writes a review on `company` and waits until it is published; returns its id. */
  async function publishedReview(
    author: Author,
    company: TestCompany,
    text: { overall: number; pros: string; cons: string },
  ): Promise<string> {
    const { signed, input } = reviewFields(text);
    const res = await api.gql<{ createReview: Receipt }>(CREATE_REVIEW, {
      input: {
        companySlug: company.slug,
        ...input,
        authorKey: author.publicKey,
        signature: author.sign('create-review', [company.slug, ...signed]),
      },
      token: new ArcHolder(api, company).review(),
    });
    expect(res.errors).toBeUndefined();
    await published(res.data!.createReview.id);
    return res.data!.createReview.id;
  }

  const SEARCH_REVIEWS = `query S($query: String!, $companySlug: String) {
    searchReviews(query: $query, companySlug: $companySlug) { edges { node { id pros } } }
  }`;

  async function reviewSearch(query: string): Promise<string[]> {
    const res = await api.gql<{ searchReviews: { edges: { node: { id: string } }[] } }>(SEARCH_REVIEWS, {
      query,
      companySlug: bytedance.slug,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.searchReviews.edges.map((e) => e.node.id);
  }

  it('publishes a thread after the delay, shows it on the board, and gives the OP a badge', async () => {
    const op = new Author();
    const res = await createThread(op, {
      title: 'Promotion cycle',
      body: '晋升 process this year?',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createThread.status).toBe('Pending');
    const threadId = res.data!.createThread.id;
    expect(threadId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await published(threadId);

    const board = await api.gql<{
      threads: { edges: { node: { id: string } }[] };
    }>(THREADS, { companySlug: acme.slug });
    expect(board.data!.threads.edges.map((e) => e.node.id)).toContain(threadId);

    const other = new Author();
    const reply = async (author: Author, body: string, quotedReplyId: string | null = null) => {
      const r = await createReply(author, threadId, body, quotedReplyId);
      expect(r.errors).toBeUndefined();
      await published(r.data!.createReply.id);
      return r.data!.createReply.id;
    };
    const first = await reply(other, 'Same here');
    await reply(op, 'Thanks, OP here', first);
    await reply(other, 'Again');

    const thread = await api.gql<{
      thread: {
        authorHandle: string;
        replyCount: number;
        company: { slug: string };
        replies: {
          edges: {
            node: {
              body: string;
              isOp: boolean;
              authorHandle: string;
              quotedReplyId: string | null;
            };
          }[];
        };
      };
    }>(THREAD, { id: threadId });
    expect(thread.errors).toBeUndefined();
    const t = thread.data!.thread;
    expect(t.replyCount).toBe(3);
    expect(t.company.slug).toBe('alibaba');
    const byBody = new Map(t.replies.edges.map((e) => [e.node.body, e.node]));
    expect(byBody.get('Thanks, OP here')).toMatchObject({
      isOp: true,
      authorHandle: t.authorHandle,
      quotedReplyId: first,
    });
    expect(byBody.get('Same here')!.isOp).toBe(false);
    // The other participant keeps one handle within the thread, distinct from the OP's.
    expect(byBody.get('Same here')!.authorHandle).toBe(byBody.get('Again')!.authorHandle);
    expect(byBody.get('Same here')!.authorHandle).not.toBe(t.authorHandle);
  });

  it('names the field and its limit when a text is too long or too short (issue 13)', async () => {
    const extensions = async (body: string) =>
      (await createThread(new Author(), { title: 'Limits', body })).errors?.[0].extensions;
    // Past the raw-size fence of the input (class-validator) and past the real limit (after cleaning): one answer.
    expect(await extensions('x'.repeat(100_000))).toEqual({ code: 'TEXT_TOO_LONG', field: 'body', max: 10_000 });
    expect(await extensions('x'.repeat(10_001))).toEqual({ code: 'TEXT_TOO_LONG', field: 'body', max: 10_000 });
    expect(await extensions(' \u200b ')).toEqual({ code: 'TEXT_EMPTY', field: 'body' });
    const { signed, input } = reviewFields({ overall: 3, pros: 'Too short', cons: 'Long enough to pass the minimum.' });
    const author = new Author();
    const res = await api.gql<{ createReview: Receipt }>(CREATE_REVIEW, {
      input: {
        companySlug: acme.slug,
        ...input,
        authorKey: author.publicKey,
        signature: author.sign('create-review', [acme.slug, ...signed]),
      },
      token: new ArcHolder(api, acme).review(),
    });
    expect(res.errors?.[0].extensions).toEqual({ code: 'TEXT_TOO_SHORT', field: 'pros', min: 20 });
  });

  it('refuses a second spend of a token with TOKEN_ALREADY_USED and writes nothing', async () => {
    const author = new Author();
    const token = mintToken(api, acme, TokenKind.Post);
    const input = (title: string) => ({
      companySlug: acme.slug,
      board: 'career',
      title,
      body: 'body',
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [acme.slug, 'career', title, 'body']),
    });
    const ok = await api.gql<{ createThread: Receipt }>(CREATE_THREAD, {
      input: input('first'),
      token,
    });
    expect(ok.errors).toBeUndefined();
    const again = await api.gql(CREATE_THREAD, {
      input: input('second'),
      token,
    });
    expect(again.errors?.[0].extensions?.code).toBe('TOKEN_ALREADY_USED');
    const rows = (await api.dataSource.query(`SELECT count(*)::int AS n FROM threads WHERE title = 'second'`)) as {
      n: number;
    }[];
    expect(rows[0].n).toBe(0);
  });

  it('refuses writes carrying a session, and a refused write does not burn the token', async () => {
    const author = new Author();
    const token = mintToken(api, acme, TokenKind.Post);
    const input = {
      companySlug: acme.slug,
      title: 'hello',
      body: 'world',
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [acme.slug, '', 'hello', 'world']),
    };
    const bearer = await api.gql(CREATE_THREAD, { input, token }, { authorization: 'Bearer abc.def' });
    expect(bearer.errors?.[0].extensions?.code).toBe('SESSION_NOT_ALLOWED');
    const cookie = await api.gql(CREATE_THREAD, { input, token }, { cookie: 'session=xyz' });
    expect(cookie.errors?.[0].extensions?.code).toBe('SESSION_NOT_ALLOWED');
    const badSig = await api.gql(CREATE_THREAD, {
      input: { ...input, body: 'tampered' },
      token,
    });
    expect(badSig.errors?.[0].extensions?.code).toBe('SIGNATURE_INVALID');
    const tooLong = 'x'.repeat(201);
    const long = await api.gql(CREATE_THREAD, {
      input: {
        ...input,
        title: tooLong,
        signature: author.sign('create-thread', [acme.slug, '', tooLong, 'world']),
      },
      token,
    });
    expect(long.errors?.[0].extensions?.code).toBe('TEXT_TOO_LONG');
    // The same token still pays for a valid write.
    const ok = await api.gql<{ createThread: Receipt }>(CREATE_THREAD, {
      input,
      token,
    });
    expect(ok.errors).toBeUndefined();
  });

  it('accepts the token in the RFC 9577 Authorization header', async () => {
    const author = new Author();
    const input = {
      companySlug: acme.slug,
      title: 'via header',
      body: 'b',
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [acme.slug, '', 'via header', 'b']),
    };
    const token = mintToken(api, acme, TokenKind.Post);
    const res = await api.gql(CREATE_THREAD, { input }, { authorization: `PrivateToken token="${token}"` });
    expect(res.errors).toBeUndefined();
    const none = await api.gql(CREATE_THREAD, { input });
    expect(none.errors?.[0].extensions?.code).toBe('TOKEN_REQUIRED');
  });

  it("refuses another company's token, the wrong kind, and a closed board", async () => {
    const author = new Author();
    const input = {
      companySlug: acme.slug,
      title: 't',
      body: 'b',
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [acme.slug, '', 't', 'b']),
    };
    const foreign = await api.gql(CREATE_THREAD, {
      input,
      token: mintToken(api, small, TokenKind.Post),
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('TOKEN_INVALID');
    const wrongKind = await api.gql(CREATE_THREAD, {
      input,
      token: new ArcHolder(api, acme).review(),
    });
    expect(wrongKind.errors?.[0].extensions?.code).toBe('TOKEN_MALFORMED');
    const closed = await createThread(author, { title: 't', body: 'b' }, small);
    expect(closed.errors?.[0].extensions?.code).toBe('BOARD_CLOSED');
  });

  it('stores coarsened times only', async () => {
    const rows = (await api.dataSource.query(
      `SELECT extract(epoch FROM created_at)::bigint AS t FROM threads UNION ALL
       SELECT extract(epoch FROM created_at)::bigint FROM replies`,
    )) as { t: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const { t } of rows) expect(Number(t) % api.config.anonymity.timeBucketSeconds).toBe(0);
  });

  it('edits and deletes with the author key only, inside the window', async () => {
    const author = new Author();
    const res = await createThread(author, { title: 'Draft', body: 'v1' });
    const id = res.data!.createThread.id;
    await published(id);
    const EDIT = `mutation E($input: EditThreadInput!) { editThread(input: $input) { id status } }`;
    const intruder = new Author();
    const stolen = await api.gql(EDIT, {
      input: {
        id,
        revision: 0,
        title: 'Hacked',
        body: 'x',
        signature: intruder.sign('edit-thread', [id, 0, 'Hacked', 'x']),
      },
    });
    expect(stolen.errors?.[0].extensions?.code).toBe('SIGNATURE_INVALID');
    const edit = await api.gql(EDIT, {
      input: {
        id,
        revision: 0,
        title: 'Final',
        body: 'v2',
        signature: author.sign('edit-thread', [id, 0, 'Final', 'v2']),
      },
    });
    expect(edit.errors).toBeUndefined();
    const replay = await api.gql(EDIT, {
      input: {
        id,
        revision: 0,
        title: 'Final',
        body: 'v2',
        signature: author.sign('edit-thread', [id, 0, 'Final', 'v2']),
      },
    });
    expect(replay.errors?.[0].extensions?.code).toBe('REVISION_CONFLICT');
    const read = await api.gql<{ thread: { title: string; revision: number } }>(THREAD, { id });
    expect(read.data!.thread).toMatchObject({ title: 'Final', revision: 1 });

    await api.dataSource.query(`UPDATE threads SET created_at = created_at - interval '3 days' WHERE id = $1`, [id]);
    const late = await api.gql(EDIT, {
      input: {
        id,
        revision: 1,
        title: 'Late',
        body: 'v3',
        signature: author.sign('edit-thread', [id, 1, 'Late', 'v3']),
      },
    });
    expect(late.errors?.[0].extensions?.code).toBe('EDIT_WINDOW_CLOSED');

    const DELETE = `mutation D($input: DeleteContentInput!) { deleteThread(input: $input) { id status } }`;
    const del = await api.gql(DELETE, {
      input: { id, signature: author.sign('delete-thread', [id]) },
    });
    expect(del.errors).toBeUndefined();
    const gone = await api.gql(THREAD, { id });
    expect(gone.errors?.[0].extensions?.code).toBe('THREAD_NOT_FOUND');
    const [row] = (await api.dataSource.query(`SELECT title, body FROM threads WHERE id = $1`, [id])) as {
      title: string;
    }[];
    expect(row).toEqual({ title: '[deleted]', body: '[deleted]' });
  });

  it('pages board threads with stable keyset cursors under every sort', async () => {
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await createThread(new Author(), {
        title: `paged ${i}`,
        body: 'p',
        board: 'compensation',
      });
      await published(r.data!.createThread.id);
      order.push(r.data!.createThread.id);
    }
    for (const sort of ['New', 'Top', 'Active']) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Awaited<
          ReturnType<
            typeof api.gql<{
              threads: {
                edges: { node: { id: string } }[];
                pageInfo: { hasNextPage: boolean; endCursor: string };
              };
            }>
          >
        > = await api.gql(THREADS, {
          board: 'compensation',
          sort,
          first: 2,
          after,
        });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data!.threads.edges.map((e) => e.node.id));
        if (!page.data!.threads.pageInfo.hasNextPage) break;
        after = page.data!.threads.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      // Issue 13: "Newest" is publication order, not the hour bucket then the random id.
      if (sort === 'New') expect(seen).toEqual([...order].reverse());
    }
  });

  it('reads replies back in publication order, across pages (issue 13)', async () => {
    const t = await createThread(new Author(), { title: 'Order', body: 'Which came first?' });
    const threadId = t.data!.createThread.id;
    await published(threadId);
    const bodies = ['first reply', 'second reply', 'third reply', 'fourth reply', 'fifth reply'];
    for (const body of bodies) {
      const r = await createReply(new Author(), threadId, body);
      expect(r.errors).toBeUndefined();
      await published(r.data!.createReply.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: { thread: { replies: Page<{ body: string }> } }; errors?: unknown } = await api.gql(
        REPLY_PAGE,
        { id: threadId, after },
      );
      expect(page.errors).toBeUndefined();
      const replies = page.data!.thread.replies;
      seen.push(...replies.edges.map((e) => e.node.body));
      if (!replies.pageInfo.hasNextPage) break;
      after = replies.pageInfo.endCursor;
    }
    expect(seen).toEqual(bodies);
  });

  it('finds Chinese and English text in threads and reviews', async () => {
    const r = await createThread(new Author(), {
      title: '加班文化',
      body: '我们组每天都要加班到很晚 overtime culture',
    });
    await published(r.data!.createThread.id);
    const SEARCH = `query S($query: String!) { searchThreads(query: $query) { edges { node { id } } } }`;
    for (const query of ['加班', '每天都要', 'overtime', 'Culture']) {
      const res = await api.gql<{
        searchThreads: { edges: { node: { id: string } }[] };
      }>(SEARCH, { query });
      expect(res.data!.searchThreads.edges.map((e) => e.node.id)).toContain(r.data!.createThread.id);
    }
    const miss = await api.gql<{ searchThreads: { edges: unknown[] } }>(SEARCH, { query: '裁员潮' });
    expect(miss.data!.searchThreads.edges).toHaveLength(0);

    // Reviews: pros and cons, Chinese substrings and English words.
    const reviewId = await publishedReview(new Author(), bytedance, {
      overall: 4,
      pros: '食堂很好吃，通勤班车很方便，同事之间也很愿意互相帮忙。',
      cons: 'Quarterly planning drags on for weeks.',
    });
    for (const query of ['食堂', '通勤班车', 'planning', 'Quarterly']) {
      expect([query, await reviewSearch(query)]).toEqual([query, [reviewId]]);
    }
    expect(await reviewSearch('裁员潮')).toEqual([]);
  });

  it('keeps review aggregates hidden below the minimum and exact above it; helpful votes count', async () => {
    const review = (overall: number, recommend: boolean) => {
      const author = new Author();
      const fields = {
        overall,
        culture: 4,
        workLife: 2,
        seniorManagement: 3,
        compensation: 5,
        career: 4,
        diversity: 3,
        ceoApproval: 'approve',
        recommend,
        outlook: 'positive',
        employment: 'current',
        jobTitle: 'Engineer',
        location: null,
        tenure: '1to3',
        pros: '福利很好，同事都很友善，在这里学到了很多东西。',
        cons: 'Long hours during the release season, sometimes.',
        advice: null,
      };
      const input = {
        companySlug: acme.slug,
        ...fields,
        ceoApproval: 'Approve',
        outlook: 'Positive',
        employment: 'Current',
        tenure: 'OneToThreeYears',
        authorKey: author.publicKey,
        signature: author.sign('create-review', [
          acme.slug,
          ...[
            'overall',
            'culture',
            'workLife',
            'seniorManagement',
            'compensation',
            'career',
            'diversity',
            'ceoApproval',
            'recommend',
            'outlook',
            'employment',
            'jobTitle',
            'location',
            'tenure',
            'pros',
            'cons',
            'advice',
          ].map((k) => fields[k as keyof typeof fields]),
        ]),
      };
      return api.gql<{ createReview: Receipt }>(CREATE_REVIEW, {
        input,
        token: new ArcHolder(api, acme).review(),
      });
    };
    const STATS = `query C($slug: String!) { company(slug: $slug) { reviewStats { reviewCount aggregatesVisible averageOverall ratingDistribution recommendPercent subRatings { workLife } outlook { positivePercent } } } }`;
    const first = await review(5, true);
    expect(first.errors).toBeUndefined();
    await published(first.data!.createReview.id);
    const hidden = await api.gql<{
      company: { reviewStats: Record<string, unknown> };
    }>(STATS, { slug: acme.slug });
    expect(hidden.data!.company.reviewStats).toMatchObject({
      reviewCount: 1,
      aggregatesVisible: false,
      averageOverall: null,
    });

    const more = await Promise.all([review(4, true), review(3, false), review(1, false)]);
    for (const r of more) await published(r.data!.createReview.id);
    const shown = await api.gql<{
      company: { reviewStats: Record<string, unknown> };
    }>(STATS, { slug: acme.slug });
    expect(shown.data!.company.reviewStats).toEqual({
      reviewCount: 4,
      aggregatesVisible: true,
      averageOverall: 3.25,
      ratingDistribution: [1, 0, 1, 1, 1],
      recommendPercent: 50,
      subRatings: { workLife: 2 },
      outlook: { positivePercent: 100 },
    });

    const VOTE = `mutation V($input: VoteInput!, $token: String) { vote(input: $input, token: $token) { targetId score } }`;
    const reviewId = first.data!.createReview.id;
    const vote = await api.gql<{ vote: { score: number } }>(VOTE, {
      input: {
        companySlug: small.slug,
        targetType: 'Review',
        targetId: reviewId,
        value: 'Up',
      },
      token: new ArcHolder(api, small).vote('review', first.data!.createReview.id),
    });
    expect(vote.errors).toBeUndefined();
    expect(vote.data!.vote.score).toBe(1);
    const down = await api.gql(VOTE, {
      input: {
        companySlug: small.slug,
        targetType: 'Review',
        targetId: reviewId,
        value: 'Down',
      },
      token: new ArcHolder(api, small).vote('review', first.data!.createReview.id),
    });
    expect(down.errors?.[0].extensions?.code).toBe('VOTE_NOT_ALLOWED');

    const REVIEWS = `query R($slug: String!) { reviews(companySlug: $slug, sort: Helpful, first: 2) { edges { node { id overall pros } } pageInfo { hasNextPage } } }`;
    const list = await api.gql<{
      reviews: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean };
      };
    }>(REVIEWS, {
      slug: acme.slug,
    });
    expect(list.data!.reviews.edges[0].node.id).toBe(reviewId);
    expect(list.data!.reviews.pageInfo.hasNextPage).toBe(true);
  });

  it('edits a review with its key only; readers and search see the new text', async () => {
    const author = new Author();
    const before = { overall: 2, pros: 'Colleagues share knowledge freely.', cons: 'Oncall rota is brutal here.' };
    const after = { overall: 4, pros: 'Colleagues share knowledge freely.', cons: 'Oncall rota got much lighter.' };
    const id = await publishedReview(author, bytedance, before);
    const EDIT = `mutation E($input: EditReviewInput!) { editReview(input: $input) { id status } }`;
    const edit = (by: Author, revision: number, text: typeof after) => {
      const { signed, input } = reviewFields(text);
      return api.gql<{ editReview: Receipt }>(EDIT, {
        input: { id, revision, ...input, signature: by.sign('edit-review', [id, revision, ...signed]) },
      });
    };
    expect((await edit(new Author(), 0, after)).errors?.[0].extensions?.code).toBe('SIGNATURE_INVALID');
    const ok = await edit(author, 0, after);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.editReview).toEqual({ id, status: 'Published' });
    expect((await edit(author, 0, after)).errors?.[0].extensions?.code).toBe('REVISION_CONFLICT');

    const REVIEWS = `query R($slug: String!) { reviews(companySlug: $slug, first: 20) { edges { node { id overall cons revision edited } } } }`;
    const list = await api.gql<{ reviews: { edges: { node: { id: string } }[] } }>(REVIEWS, { slug: bytedance.slug });
    expect(list.data!.reviews.edges.map((e) => e.node).find((n) => n.id === id)).toEqual({
      id,
      overall: 4,
      cons: 'Oncall rota got much lighter.',
      revision: 1,
      edited: true,
    });
    expect(await reviewSearch('lighter')).toEqual([id]);
    expect(await reviewSearch('brutal')).toEqual([]);
  });

  it('deletes a reply with its key only; the thread count and list follow', async () => {
    const op = new Author();
    const res = await createThread(op, { title: 'Reply to delete', body: 'Thread whose reply goes away.' });
    const threadId = res.data!.createThread.id;
    await published(threadId);
    const replier = new Author();
    const r = await createReply(replier, threadId, 'A reply its author will take back.');
    expect(r.errors).toBeUndefined();
    const replyId = r.data!.createReply.id;
    await published(replyId);
    type T = { thread: { replyCount: number; replies: { edges: { node: { id: string } }[] } } };
    const read = async () => (await api.gql<T>(THREAD, { id: threadId })).data!.thread;
    expect((await read()).replyCount).toBe(1);
    expect((await read()).replies.edges.map((e) => e.node.id)).toEqual([replyId]);

    const DELETE = `mutation D($input: DeleteContentInput!) { deleteReply(input: $input) { id status } }`;
    const stolen = await api.gql(DELETE, { input: { id: replyId, signature: op.sign('delete-reply', [replyId]) } });
    expect(stolen.errors?.[0].extensions?.code).toBe('SIGNATURE_INVALID');
    const del = await api.gql(DELETE, { input: { id: replyId, signature: replier.sign('delete-reply', [replyId]) } });
    expect(del.errors).toBeUndefined();
    expect(del.data).toEqual({ deleteReply: { id: replyId, status: 'Deleted' } });
    const t = await read();
    expect(t.replyCount).toBe(0);
    expect(t.replies.edges.map((e) => e.node.id)).not.toContain(replyId);
    const again = await api.gql(DELETE, { input: { id: replyId, signature: replier.sign('delete-reply', [replyId]) } });
    expect(again.errors?.[0].extensions?.code).toBe('REPLY_NOT_FOUND');
    expect((await read()).replyCount).toBe(0);
    const [row] = (await api.dataSource.query(`SELECT body, status FROM replies WHERE id = $1`, [replyId])) as {
      body: string;
    }[];
    expect(row).toEqual({ body: '[deleted]', status: 'deleted' });
  });

  it('logs of the whole flow carry no token, key, IP or user agent', () => {
    const text = api.logs.text;
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/PrivateToken|127\.0\.0\.1|user-agent|authorKey|signature/i);
    expect(text).not.toMatch(/[A-Za-z0-9_-]{150,}/); // no serialized token (146 bytes → 196 base64url chars)
  });
});
