// Issue 11 in the product: votes, flags and reviews paid with ARC presentations (limit 1 per context).
// Real PostgreSQL, Redis and workers; GraphQL over HTTP with variables.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { arcRedemptionContext, base64urlEncode, type ArcToken } from '@unlinked/arc';
import { ArcKeysService, PruneService } from '@unlinked/platform';
import {
  ArcAction,
  ArcHolder,
  Author,
  mintToken,
  openCompany,
  postThread,
  TokenKind,
  waitFor,
  type TestCompany,
} from '../support/forum-client.js';
import { postAll } from '../support/graphql-agent.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { HEAVY_TEST_MS, LONG_WAIT_MS } from '../support/timing.js';

const VOTE = /* GraphQL */ `
  mutation Vote($input: VoteInput!, $token: String) {
    vote(input: $input, token: $token) {
      targetId
      score
    }
  }
`;

const FLAG = /* GraphQL */ `
  mutation Flag($input: FlagContentInput!, $token: String) {
    flagContent(input: $input, token: $token)
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

const THREAD = /* GraphQL */ `
  query Thread($id: ID!) {
    thread(id: $id) {
      id
      score
      arcPeriod
    }
    arcPeriods {
      current
      months
    }
  }
`;

// 1,000 concurrent presentations each cost the server an ARC verification: minutes on a loaded 2-core machine.
jest.setTimeout(HEAVY_TEST_MS);

type Gql = Awaited<ReturnType<TestApi['gql']>>;

const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

describe('ARC votes, flags and reviews (real PostgreSQL, Redis, HTTP)', () => {
  let api: TestApi;
  let alibaba: TestCompany;
  let tencent: TestCompany;
  let keys: ArcKeysService;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      MODERATION_RULE_ACTIONS: 'duplicate=allow',
    });
    alibaba = await openCompany(api, 'alibaba');
    tencent = await openCompany(api, 'tencent');
    keys = api.app.get(ArcKeysService);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function published(id: string): Promise<void> {
    await waitFor(
      async () =>
        (
          (await api.dataSource.query(
            `SELECT 1 FROM threads t JOIN moderation_items m ON m.content_id = t.id
           WHERE t.id = $1 AND t.status = 'published' AND m.state = 'published'`,
            [id],
          )) as unknown[]
        ).length === 1,
      // Screening and publication are jobs behind the outbox relay: on a loaded machine they can take over 30 s.
      LONG_WAIT_MS,
      `thread ${id} to be published`,
    );
  }

  async function thread(company: TestCompany = alibaba): Promise<string> {
    const id = await postThread(api, company, `ARC thread ${Math.random()}`, 'A thread people vote on.');
    await published(id);
    return id;
  }

  function vote(id: string, token: string | null, value = 'Up', headers: Record<string, string> = {}) {
    return api.gql<{ vote: { score: number } }>(
      VOTE,
      { input: { companySlug: alibaba.slug, targetType: 'Thread', targetId: id, value }, token },
      headers,
    );
  }

  async function counts(id: string) {
    const [row] = (await api.dataSource.query(
      `SELECT (SELECT score FROM threads WHERE id = $1) AS score,
              (SELECT count(*)::int FROM votes WHERE target_id = $1) AS votes,
              (SELECT count(*)::int FROM spent_arc_tags) AS tags`,
      [id],
    )) as { score: number; votes: number; tags: number }[];
    return row;
  }

  it('one credential votes once per item; a second vote, either way, is refused with ALREADY_VOTED and nothing changes', async () => {
    const id = await thread();
    const me = new ArcHolder(api, alibaba);
    const before = await counts(id);
    const first = await vote(id, me.vote('thread', id));
    expect(first.errors).toBeUndefined();
    expect(first.data!.vote.score).toBe(1);
    const after = await counts(id);
    expect(after).toEqual({ score: 1, votes: 1, tags: before.tags + 1 });

    const again = await vote(id, me.vote('thread', id), 'Up');
    const reverse = await vote(id, me.vote('thread', id), 'Down');
    expect([code(again), code(reverse)]).toEqual(['ALREADY_VOTED', 'ALREADY_VOTED']);
    expect(again.errors![0].message).toMatch(/already voted/);
    expect(await counts(id)).toEqual(after);

    // Another person (another credential) votes down; the header form carries a presentation as well.
    const other = new ArcHolder(api, alibaba);
    const down = await vote(id, null, 'Down', { authorization: `PrivateToken token="${other.vote('thread', id)}"` });
    expect(down.errors).toBeUndefined();
    expect(down.data!.vote.score).toBe(0);
    expect(await counts(id)).toEqual({ score: 0, votes: 2, tags: before.tags + 2 });
  });

  it('votes of one credential on two items share no value an observer can match; stored rows hold no credential value', async () => {
    const [a, b] = [await thread(), await thread()];
    const me = new ArcHolder(api, alibaba);
    const ta = me.token(ArcAction.Vote, `thread:${a}`);
    const tb = me.token(ArcAction.Vote, `thread:${b}`);
    const parts = (t: ArcToken) => {
      const p = t.presentation;
      const bytes = p.serialize();
      return {
        tag: Buffer.from(p.tagBytes()).toString('hex'),
        commitments: Buffer.from(bytes.subarray(0, 4 * 33)).toString('hex'), // U, U'commit, m1Commit, tag
        proof: Buffer.from(bytes.subarray(5 * 33)).toString('hex'),
        digest: Buffer.from(t.challengeDigest).toString('hex'),
      };
    };
    const [pa, pb] = [parts(ta), parts(tb)];
    for (const field of ['tag', 'commitments', 'proof', 'digest'] as const) expect(pa[field]).not.toBe(pb[field]);
    // Every 33-byte element and 32-byte scalar of one presentation is absent from the other.
    const chunks = (t: ArcToken) => {
      const bytes = Buffer.from(t.presentation.serialize());
      const out = new Set<string>();
      for (let i = 0; i + 32 <= bytes.length; i++) out.add(bytes.subarray(i, i + 32).toString('hex'));
      return out;
    };
    const ca = chunks(ta);
    expect([...chunks(tb)].filter((c) => ca.has(c))).toEqual([]);

    expect((await vote(a, base64urlEncode(ta.serialize()))).errors).toBeUndefined();
    expect((await vote(b, base64urlEncode(tb.serialize()))).errors).toBeUndefined();
    const tags = (await api.dataSource.query(
      `SELECT encode(tag, 'hex') AS tag FROM spent_arc_tags WHERE tag = ANY($1::bytea[])`,
      [[Buffer.from(ta.presentation.tagBytes()), Buffer.from(tb.presentation.tagBytes())]],
    )) as { tag: string }[];
    expect(tags).toHaveLength(2);
    const columns = (await api.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
      ['votes'],
    )) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['created_at', 'id', 'target_id', 'target_type', 'value']);
    const flagColumns = (await api.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'content_flags' ORDER BY column_name`,
    )) as { column_name: string }[];
    expect(flagColumns.map((c) => c.column_name)).toEqual([
      'created_at',
      'id',
      'item_id',
      'note',
      'reason',
      'reviewed',
      'same_company',
    ]);
  });

  it('an item takes votes under the key of its own period: another live period is ARC_WRONG_PERIOD, a retired one ARC_PERIOD_CLOSED', async () => {
    const id = await thread();
    const current = keys.periodAt();
    const res = await api.gql<{ thread: { arcPeriod: number }; arcPeriods: { current: number; months: number } }>(
      THREAD,
      { id },
    );
    expect(res.data!.thread.arcPeriod).toBe(current);
    expect(res.data!.arcPeriods).toEqual({ current, months: 12 });

    // Published last period: the previous period's credential votes, this period's cannot.
    await api.dataSource.query(`UPDATE threads SET created_at = created_at - interval '12 months' WHERE id = $1`, [id]);
    const moved = await api.gql<{ thread: { arcPeriod: number } }>(THREAD, { id });
    expect(moved.data!.thread.arcPeriod).toBe(current - 1);
    const now = new ArcHolder(api, alibaba, current);
    const wrong = await vote(id, now.vote('thread', id));
    expect(code(wrong)).toBe('ARC_WRONG_PERIOD');
    const before = await counts(id);
    expect(before.votes).toBe(0);
    const then = new ArcHolder(api, alibaba, current - 1);
    expect((await vote(id, then.vote('thread', id))).errors).toBeUndefined();
    expect(code(await vote(id, then.vote('thread', id)))).toBe('ALREADY_VOTED');

    // Two periods ago: that key has retired (its tags pruned), so the item takes no more votes.
    await api.dataSource.query(`UPDATE threads SET created_at = created_at - interval '12 months' WHERE id = $1`, [id]);
    const old = new ArcHolder(api, alibaba, current - 2);
    expect(code(await vote(id, old.vote('thread', id)))).toBe('ARC_PERIOD_CLOSED');
    expect((await counts(id)).score).toBe(1);
  });

  it("prunes the tags of a retired key in the maintenance prune, and keeps the live key's", async () => {
    const id = await thread();
    expect((await vote(id, new ArcHolder(api, alibaba).vote('thread', id))).errors).toBeUndefined();
    const [live] = (await api.dataSource.query(`SELECT expires_at FROM spent_arc_tags WHERE context = $1`, [
      Buffer.from(arcRedemptionContext('vote', `thread:${id}`)),
    ])) as { expires_at: Date }[];
    // Stored with the key's retirement: the end of the period after the item's.
    expect(live.expires_at.toISOString()).toBe(keys.retiresAt(keys.periodAt()).toISOString());
    await api.dataSource.query(
      `INSERT INTO spent_arc_tags (key_id, context, tag, expires_at)
       VALUES (decode(repeat('aa', 32), 'hex'), decode(repeat('bb', 32), 'hex'), decode(repeat('02', 33), 'hex'),
               now() - interval '1 day')`,
    );
    const count = async () =>
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM spent_arc_tags`)) as { n: number }[])[0].n;
    const before = await count();
    const deleted = await PruneService.over({ forum: api.dataSource }).run();
    expect(deleted.spent_arc_tags).toBe(1);
    expect(await count()).toBe(before - 1);
  });

  it('refuses malformed and misused presentations with clear codes, never a 5xx, spending nothing', async () => {
    const id = await thread();
    const me = new ArcHolder(api, alibaba);
    const good = me.vote('thread', id);
    const bytes = me.token(ArcAction.Vote, `thread:${id}`).serialize();
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 5] ^= 1; // inside the proof's last response
    const badPoint = Uint8Array.from(bytes);
    badPoint[2 + 4 + 32 + 32] = 0x05; // U's compression byte
    const cases: [string, string | null, Record<string, string>, string][] = [
      ['garbage', 'not*base64', {}, 'TOKEN_MALFORMED'],
      ['empty', '', {}, 'TOKEN_REQUIRED'],
      ['truncated', base64urlEncode(bytes.subarray(0, bytes.length - 1)), {}, 'TOKEN_MALFORMED'],
      ['trailing byte', base64urlEncode(Uint8Array.from([...bytes, 0])), {}, 'TOKEN_MALFORMED'],
      ['bad point', base64urlEncode(badPoint), {}, 'TOKEN_MALFORMED'],
      ['VOPRF token', mintToken(api, alibaba, TokenKind.Post), {}, 'TOKEN_MALFORMED'],
      ['tampered proof', base64urlEncode(flipped), {}, 'TOKEN_INVALID'],
      ['other item', me.vote('thread', '00000000-0000-4000-8000-000000000000'), {}, 'TOKEN_INVALID'],
      ['other action', me.flag('thread', id), {}, 'TOKEN_INVALID'],
      ['other company', new ArcHolder(api, tencent).vote('thread', id), {}, 'TOKEN_INVALID'],
      ['argument and header', good, { authorization: `PrivateToken token="${good}"` }, 'TOKEN_MALFORMED'],
      ['session', good, { authorization: 'Bearer abc' }, 'SESSION_NOT_ALLOWED'],
    ];
    const before = await counts(id);
    for (const [what, token, headers, expected] of cases) {
      const res = await vote(id, token, 'Up', headers);
      expect({ what, status: res.status, code: code(res) }).toEqual({ what, status: 200, code: expected });
    }
    const header = await api.gql(
      VOTE,
      { input: { companySlug: alibaba.slug, targetType: 'Thread', targetId: id, value: 'Up' } },
      { authorization: 'PrivateToken token="AAAA"' },
    );
    expect({ status: header.status, code: code(header) }).toEqual({ status: 200, code: 'TOKEN_MALFORMED' });
    expect(await counts(id)).toEqual(before);
    // The good presentation was never spent by the refusals.
    expect((await vote(id, good)).errors).toBeUndefined();
  });

  it('flags: one per person per item, weighted by company; one person alone cannot hide a post', async () => {
    const id = await thread();
    const [{ item_id: itemId }] = (await api.dataSource.query(
      `SELECT id AS item_id FROM moderation_items WHERE content_id = $1`,
      [id],
    )) as { item_id: string }[];
    const flag = (holder: ArcHolder, reason: string) =>
      api.gql(FLAG, {
        input: { companySlug: holder.company.slug, contentType: 'THREAD', contentId: id, reason },
        token: holder.flag('thread', id),
      });
    const weight = async () =>
      Number(
        (
          (await api.dataSource.query(`SELECT flag_weight FROM moderation_items WHERE id = $1`, [itemId])) as {
            flag_weight: string;
          }[]
        )[0].flag_weight,
      );
    const state = async () =>
      (
        (await api.dataSource.query(`SELECT state FROM moderation_items WHERE id = $1`, [itemId])) as {
          state: string;
        }[]
      )[0].state;

    // A colleague (same company: ×2) flags personal information (3): 6, below the threshold of 10.
    const colleague = new ArcHolder(api, alibaba);
    expect((await flag(colleague, 'PERSONAL_INFORMATION')).errors).toBeUndefined();
    await waitFor(async () => (await weight()) === 6, undefined, 'flag weight 6');
    expect(code(await flag(colleague, 'PERSONAL_INFORMATION'))).toBe('ALREADY_FLAGGED');
    expect(code(await flag(colleague, 'HATE'))).toBe('ALREADY_FLAGGED');
    // Someone from another company (×1) flags hate (3): 9, still published.
    const outsider = new ArcHolder(api, tencent);
    expect((await flag(outsider, 'HATE')).errors).toBeUndefined();
    await waitFor(async () => (await weight()) === 9, undefined, 'flag weight 9');
    expect(await state()).toBe('published');
    const rows = (await api.dataSource.query(
      `SELECT reason, same_company FROM content_flags WHERE item_id = $1 ORDER BY reason`,
      [itemId],
    )) as { reason: string; same_company: boolean }[];
    expect(rows).toEqual([
      { reason: 'hate', same_company: false },
      { reason: 'personal_information', same_company: true },
    ]);
    // A second colleague crosses the threshold: hidden.
    expect((await flag(new ArcHolder(api, alibaba), 'SPAM')).errors).toBeUndefined();
    await waitFor(async () => (await state()) === 'hidden', undefined, 'the item to be hidden');
    expect(await weight()).toBe(11);
  });

  it('reviews: one per person per company per period, under the current period key, across a key rotation', async () => {
    const current = keys.periodAt();
    const review = (holder: ArcHolder, pros: string) => {
      const author = new Author();
      const signed = [5, 4, 4, 4, 4, 4, 4, 'approve', true, 'positive', 'current', null, null, null, pros, pros, null];
      return api.gql<{ createReview: { id: string } }>(CREATE_REVIEW, {
        input: {
          companySlug: holder.company.slug,
          overall: 5,
          culture: 4,
          workLife: 4,
          seniorManagement: 4,
          compensation: 4,
          career: 4,
          diversity: 4,
          ceoApproval: 'Approve',
          recommend: true,
          outlook: 'Positive',
          employment: 'Current',
          pros,
          cons: pros,
          authorKey: author.publicKey,
          signature: author.sign('create-review', [holder.company.slug, ...signed]),
        },
        token: holder.review(),
      });
    };
    const reviews = async () =>
      (
        (await api.dataSource.query(`SELECT count(*)::int AS n FROM reviews WHERE company_id = $1`, [tencent.id])) as {
          n: number;
        }[]
      )[0].n;

    const me = new ArcHolder(api, tencent, current);
    expect((await review(me, 'A first honest review of this place.')).errors).toBeUndefined();
    const again = await review(me, 'A second review from the same person.');
    expect(code(again)).toBe('ALREADY_REVIEWED');
    expect(again.errors![0].message).toMatch(/already reviewed/);
    // Last period's credential (still live for votes on last period's items) does not review now.
    expect(code(await review(new ArcHolder(api, tencent, current - 1), 'From the previous period key.'))).toBe(
      'ARC_WRONG_PERIOD',
    );
    expect(await reviews()).toBe(1);

    // The key rotates: next period, this credential is last period's; the next period's credential reviews once.
    const nextPeriodStart = keys.periodStart(current + 1);
    jest.spyOn(keys, 'now').mockReturnValue(new Date(nextPeriodStart.getTime() + 86_400_000));
    expect(code(await review(me, 'The old credential, after the rotation.'))).toBe('ARC_WRONG_PERIOD');
    const next = new ArcHolder(api, tencent, current + 1);
    expect((await review(next, 'A review in the next period, allowed.')).errors).toBeUndefined();
    expect(code(await review(next, 'And a second one in the next period.'))).toBe('ALREADY_REVIEWED');
    expect(await reviews()).toBe(2);
  });

  it('of 1,000 concurrent presentations with one tag exactly one votes; 20 other people voting meanwhile all count', async () => {
    const id = await thread();
    const me = new ArcHolder(api, alibaba);
    // 50 distinct presentations (fresh randomness, one tag), each sent 20 times: 1,000 that the server verifies.
    // Making 1,000 distinct ones would cost the test minutes of EC work on a loaded machine and test nothing more:
    // distinct presentations of one tag are refused in the same way (see the first test).
    const distinct = Array.from({ length: 50 }, () => me.vote('thread', id));
    expect(new Set(distinct).size).toBe(50);
    const mine = Array.from({ length: 1000 }, (_, i) => distinct[i % 50]);
    const others = Array.from({ length: 20 }, () => new ArcHolder(api, alibaba).vote('thread', id));
    const input = { companySlug: alibaba.slug, targetType: 'Thread', targetId: id, value: 'Up' };
    const results = await postAll(
      api.url,
      [...mine, ...others].map((token) => ({ query: VOTE, variables: { input, token } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const mineResults = results.slice(0, 1000);
    expect(mineResults.filter((r) => !r.errors)).toHaveLength(1);
    expect(new Set(mineResults.filter((r) => r.errors).map(code))).toEqual(new Set(['ALREADY_VOTED']));
    expect(results.slice(1000).filter((r) => r.errors)).toEqual([]);
    const [{ n: spent }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM spent_arc_tags WHERE context = $1`,
      [Buffer.from(arcRedemptionContext('vote', `thread:${id}`))],
    )) as { n: number }[];
    expect(spent).toBe(21);
    const after = await counts(id);
    expect({ score: after.score, votes: after.votes }).toEqual({ score: 21, votes: 21 });
  });
});
