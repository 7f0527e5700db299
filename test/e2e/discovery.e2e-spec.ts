import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedCompanies } from '@unlinked/db';
import { PUBLIC_QUERIES } from '@unlinked/platform';
import {
  ArcHolder,
  openCompany,
  postReply,
  postReview,
  postThread,
  published,
  REVIEW,
  type TestCompany,
} from '../support/forum-client.js';
import { insertThread } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const FEED = /* GraphQL */ `
  query Feed($first: Int!) {
    feed(first: $first) {
      windowDays
      trendingThreads {
        id
        title
      }
      newReviews {
        id
        company {
          slug
          nameZh
        }
      }
      activeCompanies {
        recentPosts
        company {
          slug
          name
          nameZh
        }
      }
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 5) {
      companies {
        slug
        name
        nameZh
        aliases
      }
      threads {
        edges {
          node {
            id
            company {
              slug
              nameZh
            }
          }
        }
      }
      reviews {
        edges {
          node {
            id
          }
        }
      }
    }
  }
`;

interface FeedData {
  feed: {
    windowDays: number;
    trendingThreads: { id: string; title: string }[];
    newReviews: { id: string; company: { slug: string; nameZh: string | null } }[];
    activeCompanies: { recentPosts: number; company: { slug: string; name: string; nameZh: string | null } }[];
  };
}

interface SearchData {
  search: {
    companies: { slug: string; name: string; nameZh: string | null; aliases: string[] }[];
    threads: { edges: { node: { id: string; company: { slug: string; nameZh: string | null } } }[] };
    reviews: { edges: { node: { id: string } }[] };
  };
}

describe('home feed and grouped search (real PostgreSQL, Redis, workers)', () => {
  let api: TestApi;
  let alibaba: TestCompany;
  let tencent: TestCompany;
  let baidu: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' });
    alibaba = await openCompany(api, 'alibaba');
    tencent = await openCompany(api, 'tencent');
    baidu = await openCompany(api, 'baidu');
  });

  afterAll(async () => {
    await api.close();
  });

  async function feed(): Promise<FeedData['feed']> {
    const res = await api.gql<FeedData>(FEED, { first: 20 });
    expect(res.errors).toBeUndefined();
    return res.data!.feed;
  }

  async function search(query: string): Promise<SearchData['search']> {
    const res = await api.gql<SearchData>(SEARCH, { query });
    expect(res.errors).toBeUndefined();
    return res.data!.search;
  }

  /** Moves a published thread back in time, as if it had been written `hours` ago. */
  async function age(threadId: string, hours: number): Promise<void> {
    await api.dataSource.query(
      `UPDATE threads SET created_at = date_trunc('hour', now()) - $2 * interval '1 hour' WHERE id = $1`,
      [threadId, hours],
    );
  }

  it('ranks threads by recent replies and votes with a time decay, from published content only', async () => {
    const quiet = await postThread(api, tencent, 'A quiet older thread', 'Nobody has answered this one yet.');
    const busyButOld = await postThread(api, alibaba, 'An old thread that was busy', 'Lots of talk, long ago.');
    const lively = await postThread(api, alibaba, 'A lively new thread', 'Everyone is talking about this.');
    for (const id of [quiet, busyButOld, lively]) await published(api, id);
    for (const body of ['First answer here.', 'Second answer here.', 'Third answer here.']) {
      await published(api, await postReply(api, alibaba, busyButOld, body));
    }
    await published(api, await postReply(api, alibaba, lively, 'A fresh answer.'));
    const vote = await api.gql(
      `mutation V($input: VoteInput!, $token: String) { vote(input: $input, token: $token) { score } }`,
      {
        input: { companySlug: alibaba.slug, targetType: 'Thread', targetId: lively, value: 'Up' },
        token: new ArcHolder(api, alibaba).vote('thread', lively),
      },
    );
    expect(vote.errors).toBeUndefined();
    await age(quiet, 30);
    await age(busyButOld, 6 * 24);
    // Unpublished activity must count for nothing: five replies still pending on the quiet thread, a pending
    // thread and pending threads of a company with no published content.
    for (let i = 0; i < 5; i++) {
      await api.dataSource.query(
        `INSERT INTO replies (thread_id, company_id, body, author_key, status, created_at)
         VALUES ($1, $2, 'pending reply', $3, 'pending', date_trunc('hour', now()))`,
        [quiet, tencent.id, Buffer.alloc(32)],
      );
    }
    const pending = await insertThread(api.dataSource, alibaba.id, 'Not yet public', new Uint8Array(32));
    for (let i = 0; i < 3; i++)
      await insertThread(api.dataSource, baidu.id, 'Not yet public either', new Uint8Array(32));

    const f = await feed();
    expect(f.windowDays).toBe(7);
    const order = f.trendingThreads.map((t) => t.id);
    expect(order).toEqual([lively, busyButOld, quiet]);
    expect(order).not.toContain(pending);
    // Companies by content published in the window: alibaba's 2 threads and 4 replies, tencent's 1 thread; the
    // pending rows (baidu's included) count for nothing.
    expect(f.activeCompanies.map((a) => [a.company.slug, a.recentPosts])).toEqual([
      ['alibaba', 6],
      ['tencent', 1],
    ]);
    expect(f.activeCompanies[0].company).toMatchObject({ name: 'Alibaba Group', nameZh: '阿里巴巴' });
  });

  it('shows the newest published reviews across companies, none pending', async () => {
    const holder = new ArcHolder(api, tencent);
    const review = await postReview(api, holder, {
      ...REVIEW,
      pros: 'Great mentors and 薪资倒挂 is rare here.',
    });
    await published(api, review);
    const f = await feed();
    expect(f.newReviews[0]).toEqual({ id: review, company: { slug: 'tencent', nameZh: '腾讯' } });
    expect(f.activeCompanies.find((a) => a.company.slug === 'tencent')?.recentPosts).toBe(2);
  });

  it('finds companies by Chinese name and alias, and threads and reviews, grouped', async () => {
    const ali = await search('阿里');
    expect(ali.companies.map((c) => c.slug)).toEqual(['alibaba']);
    expect(ali.companies[0]).toMatchObject({ nameZh: '阿里巴巴', aliases: expect.arrayContaining(['阿里']) });
    // An alias that is no part of either name.
    expect((await search('鹅厂')).companies.map((c) => c.slug)).toEqual(['tencent']);
    expect((await search('Tencent')).companies.map((c) => c.slug)).toEqual(['tencent']);

    const thread = await postThread(api, alibaba, '关于薪资倒挂', '新人的工资比老员工还高，大家怎么看？');
    await published(api, thread);
    await insertThread(api.dataSource, alibaba.id, '薪资倒挂 still pending', new Uint8Array(32));
    const grouped = await search('薪资倒挂');
    expect(grouped.companies).toEqual([]);
    expect(grouped.threads.edges.map((e) => e.node)).toEqual([
      { id: thread, company: { slug: 'alibaba', nameZh: '阿里巴巴' } },
    ]);
    expect(grouped.reviews.edges).toHaveLength(1);
  });

  it('gives companies seeded before names were kept their Chinese name and aliases, adding no company', async () => {
    await api.dataSource.query(`UPDATE companies SET name_zh = NULL, aliases = '{}' WHERE slug = 'baidu'`);
    expect((await search('百度')).companies).toEqual([]);
    expect(await seedCompanies(api.dataSource)).toBe(0);
    expect((await search('百度')).companies.map((c) => [c.slug, c.nameZh])).toEqual([['baidu', '百度']]);
    expect((await search('度厂')).companies.map((c) => c.slug)).toEqual(['baidu']);
  });

  it('refuses a query shorter than two characters with a stable code', async () => {
    const res = await api.gql(SEARCH, { query: ' 阿 ' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is on the read cache allow-list: the same public answer for every reader', () => {
    expect(PUBLIC_QUERIES.has('feed')).toBe(true);
    expect(PUBLIC_QUERIES.has('search')).toBe(true);
  });
});
