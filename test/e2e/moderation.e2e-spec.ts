import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { SessionsService } from '@unlinked/identity';
import { ArcHolder, mintToken, openCompany, postThread, TokenKind } from '../support/forum-client.js';
import {
  authorKey,
  companies,
  insertThread,
  itemOf,
  screen,
  staff,
  staffTokens,
  threadStatus,
  until,
} from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const QUEUE = /* GraphQL */ `
  query Queue($companySlug: String, $queueReason: ModerationQueueReason, $flagReason: ModerationReason, $first: Int) {
    moderationQueue(companySlug: $companySlug, queueReason: $queueReason, flagReason: $flagReason, first: $first) {
      edges {
        node {
          id
          contentId
          state
          queueReason
          text
          version
          flagWeight
          appealStatement
          removalReason
          screeningHits {
            rule
            action
            count
          }
          flagCounts {
            reason
            count
          }
        }
      }
    }
  }
`;
const MODERATE = /* GraphQL */ `
  mutation Moderate($input: ModerateInput!) {
    moderate(input: $input) {
      id
      state
      queueReason
      version
      removalReason
    }
  }
`;
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
      removalReason
      appealed
      canAppeal
      screeningHits {
        rule
      }
    }
  }
`;
const APPEAL = /* GraphQL */ `
  mutation Appeal($input: AppealRemovalInput!) {
    appealRemoval(input: $input) {
      state
      appealed
      canAppeal
    }
  }
`;
const LOG = /* GraphQL */ `
  query Log($companySlug: String!, $boardSlug: String, $period: ModerationLogPeriod) {
    moderationLog(companySlug: $companySlug, boardSlug: $boardSlug, period: $period) {
      periodStart
      reason
      removals
    }
  }
`;

type QueueNode = {
  id: string;
  contentId: string;
  state: string;
  queueReason: string | null;
  text: string | null;
  version: number;
  flagWeight: number;
  screeningHits: { rule: string; action: string; count: number }[];
  flagCounts: { reason: string; count: number }[];
};

const mod1 = staff();
const mod2 = staff();
const member = staff();

describe('moderation (real PostgreSQL, Redis, workers, HTTP)', () => {
  let api: TestApi;
  let company: { id: string; slug: string };
  let other: { id: string; slug: string };

  async function screened(body: string, key = authorKey(), companyId = company.id, board: string | null = null) {
    const id = await insertThread(api.dataSource, companyId, body, key.publicKey, board);
    await screen(api, id);
    const item = await until(() => itemOf(api.dataSource, id));
    return { id, key, item };
  }

  async function moderate(who: { header: Record<string, string> }, input: Record<string, unknown>) {
    return api.gql<{ moderate: { state: string; version: number } }>(MODERATE, { input }, who.header);
  }

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      STAFF_TOKENS: staffTokens([
        [mod1, 'moderator'],
        [mod2, 'admin'],
        [member, 'member'],
      ]),
      MODERATION_FLAG_HIDE_THRESHOLD: '4',
      // Flags from any company weigh their reason's weight alone here (company weights: arc-votes.e2e-spec.ts).
      FLAG_WEIGHT_SAME_COMPANY: '1',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      MODERATION_FLAG_WEIGHTS: 'spam=1,hate=3',
    });
    [company, other] = await companies(api.dataSource);
    company = await openCompany(api, company.slug);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('screening job', () => {
    it('publishes clean content', async () => {
      const { id, item } = await screened('Promotions are slow but the team is kind.');
      expect(item.state).toBe('published');
      await until(async () => (await threadStatus(api.dataSource, id)) === 'published');
    });

    it('runs inside the publication pipeline: forum writes are screened before they are published', async () => {
      const create = (body: string) => postThread(api, company, 'Pipeline', body);
      const clean = await create('Interview process was fair and quick.');
      const doxx = await create('Call the recruiter on 13812345678 and complain.');
      await until(async () => (await threadStatus(api.dataSource, clean)) === 'published');
      expect((await itemOf(api.dataSource, clean))!.state).toBe('published');
      const held = await until(async () => {
        const item = await itemOf(api.dataSource, doxx);
        return item?.state === 'held' ? item : undefined;
      });
      expect(held.queue_reason).toBe('held');
      expect(await threadStatus(api.dataSource, doxx)).toBe('pending');
      // The pipeline removes a held item's outbox row just after it records the hold: wait for it, not one read.
      const outboxed = async () =>
        (
          (await api.dataSource.query(
            `SELECT count(*)::int AS n FROM publication_outbox WHERE content_id = ANY($1::uuid[])`,
            [[clean, doxx]],
          )) as { n: number }[]
        )[0].n;
      await until(async () => (await outboxed()) === 0);
      expect(await outboxed()).toBe(0);
    });

    it('rejects a resident ID number and tells the author why, by their key only', async () => {
      const { id, key, item } = await screened('他的身份证号是11010519491231002X');
      expect(item.state).toBe('rejected');
      expect(await threadStatus(api.dataSource, id)).toBe('pending');
      const issuedAt = Math.floor(Date.now() / 1000);
      const res = await api.gql<{ contentModerationStatus: Record<string, unknown> }>(STATUS, {
        contentType: 'THREAD',
        contentId: id,
        issuedAt,
        signature: key.sign('moderation-status', ['thread', id, String(issuedAt)]),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.contentModerationStatus).toMatchObject({
        state: 'REJECTED',
        rejectReason: 'PERSONAL_INFORMATION',
        screeningHits: [{ rule: 'pii.national_id' }],
        canAppeal: false,
      });
      expect(res.data!.contentModerationStatus.rejectMessage).toMatch(/personal information/);
      const wrong = authorKey();
      const refused = await api.gql(STATUS, {
        contentType: 'THREAD',
        contentId: id,
        issuedAt,
        signature: wrong.sign('moderation-status', ['thread', id, String(issuedAt)]),
      });
      expect(refused.errors?.[0].extensions?.code).toBe('AUTHOR_SIGNATURE_INVALID');
      const stale = await api.gql(STATUS, {
        contentType: 'THREAD',
        contentId: id,
        issuedAt: issuedAt - 3600,
        signature: key.sign('moderation-status', ['thread', id, String(issuedAt - 3600)]),
      });
      expect(stale.errors?.[0].extensions?.code).toBe('AUTHOR_SIGNATURE_EXPIRED');
    });

    it('holds an email address for review, with the rule that fired and no personal data in logs', async () => {
      const { id, item } = await screened('Write to the manager at boss.person@example.org about it');
      expect(item.state).toBe('held');
      expect(await threadStatus(api.dataSource, id)).toBe('pending');
      const res = await api.gql<{ moderationQueue: { edges: { node: QueueNode }[] } }>(
        QUEUE,
        { queueReason: 'HELD' },
        mod1.header,
      );
      const node = res.data!.moderationQueue.edges.map((e) => e.node).find((n) => n.contentId === id)!;
      expect(node.screeningHits).toEqual([{ rule: 'pii.email', action: 'hold', count: 1 }]);
      expect(node.text).toContain('boss.person@example.org');
      expect(api.logs.text).not.toContain('boss.person');
    });

    it('rejects the second copy of the same text', async () => {
      const text = 'Join my amazing referral program today, everyone!';
      const first = await screened(text);
      const second = await screened(text);
      expect(first.item.state).toBe('published');
      expect(second.item.state).toBe('rejected');
    });

    it('screens a content once even when the job runs twice', async () => {
      const id = await insertThread(api.dataSource, company.id, 'Run twice, publish once.', authorKey().publicKey);
      await screen(api, id);
      await until(() => itemOf(api.dataSource, id));
      await screen(api, id);
      const queue = api.app.get<Queue>(getQueueToken(QueueName.Moderation), { strict: false });
      // Both runs over: nothing waiting and nothing active (a job moves from one to the other atomically).
      await until(async () => {
        const c = await queue.getJobCounts('waiting', 'active');
        return c.waiting + c.active === 0;
      });
      const rows = (await api.dataSource.query(
        `SELECT count(*)::int AS n FROM moderation_items WHERE content_id = $1`,
        [id],
      )) as { n: number }[];
      expect(rows[0].n).toBe(1);
    });
  });

  describe('moderator queue', () => {
    it('is refused without a staff session and to members', async () => {
      const anonymous = await api.gql(QUEUE, {});
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const asMember = await api.gql(QUEUE, {}, member.header);
      expect(asMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const decide = await moderate(member, { itemId: '00000000-0000-4000-8000-000000000000', action: 'APPROVE' });
      expect(decide.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('accepts identity sessions: moderators and admins in, members out', async () => {
      const sessions = api.app.get(SessionsService);
      const session = async (role: string) => {
        const [{ id }] = (await api.dataSource.query(
          `INSERT INTO accounts (email_hmac, company_id, verified_on, role)
           VALUES (sha256(gen_random_uuid()::text::bytea), $1, current_date, $2) RETURNING id`,
          [company.id, role],
        )) as { id: string }[];
        const { token } = await sessions.create(id);
        return { authorization: `Bearer ${token}` };
      };
      const asModerator = await api.gql(QUEUE, {}, await session('moderator'));
      expect(asModerator.errors).toBeUndefined();
      const asAdmin = await api.gql(QUEUE, {}, await session('admin'));
      expect(asAdmin.errors).toBeUndefined();
      const asMember = await api.gql(QUEUE, {}, await session('member'));
      expect(asMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('lists oldest first and filters by company', async () => {
      const here = await screened('Email me at held.one@example.org');
      const there = await screened('Email me at held.two@example.org', authorKey(), other.id);
      const mine = await api.gql<{ moderationQueue: { edges: { node: QueueNode }[] } }>(
        QUEUE,
        { companySlug: company.slug, first: 100 },
        mod1.header,
      );
      const ids = mine.data!.moderationQueue.edges.map((e) => e.node.contentId);
      expect(ids).toContain(here.id);
      expect(ids).not.toContain(there.id);
      const all = await api.gql<{ moderationQueue: { edges: { node: QueueNode }[] } }>(
        QUEUE,
        { first: 100 },
        mod2.header,
      );
      expect(all.data!.moderationQueue.edges.map((e) => e.node.contentId)).toEqual(
        expect.arrayContaining([here.id, there.id]),
      );
    });
  });

  describe('flags', () => {
    const FLAG = /* GraphQL */ `
      mutation Flag($input: FlagContentInput!, $token: String) {
        flagContent(input: $input, token: $token)
      }
    `;

    it('takes an ARC presentation per flag, one per person, atomically, and hides content at the weighted threshold', async () => {
      const { id, item } = await screened('An ordinary post that people dislike.');
      const input = (reason: string) => ({ companySlug: company.slug, contentType: 'THREAD', contentId: id, reason });
      const spent = async () =>
        ((await api.dataSource.query(`SELECT count(*)::int AS n FROM spent_arc_tags`)) as { n: number }[])[0].n;
      const before = await spent();

      const reader = new ArcHolder(api, company);
      const first = await api.gql(FLAG, { input: input('SPAM'), token: reader.flag('thread', id) });
      expect(first.errors).toBeUndefined();
      const again = await api.gql(FLAG, { input: input('HATE'), token: reader.flag('thread', id) });
      expect(again.errors?.[0].extensions?.code).toBe('ALREADY_FLAGGED');
      const withSession = await api.gql(
        FLAG,
        { input: input('SPAM'), token: new ArcHolder(api, company).flag('thread', id) },
        mod1.header,
      );
      expect(withSession.errors?.[0].extensions?.code).toBe('SESSION_NOT_ALLOWED');
      const postToken = await api.gql(FLAG, { input: input('SPAM'), token: mintToken(api, company, TokenKind.Post) });
      expect(postToken.errors?.[0].extensions?.code).toBe('TOKEN_MALFORMED');

      await until(async () => (await itemOf(api.dataSource, id))?.queue_reason === 'flagged');
      expect((await itemOf(api.dataSource, id))!.state).toBe('published');
      const hate = await api.gql(FLAG, { input: input('HATE'), token: new ArcHolder(api, company).flag('thread', id) });
      expect(hate.errors).toBeUndefined(); // 1 + 3 = 4 = threshold
      await until(async () => (await itemOf(api.dataSource, id))?.state === 'hidden');
      expect(await threadStatus(api.dataSource, id)).toBe('hidden');
      // Exactly one spent tag per stored flag: refused flags spent nothing.
      expect((await spent()) - before).toBe(2);

      const res = await api.gql<{ moderationQueue: { edges: { node: QueueNode }[] } }>(
        QUEUE,
        { flagReason: 'HATE' },
        mod1.header,
      );
      const node = res.data!.moderationQueue.edges.map((e) => e.node).find((n) => n.contentId === id)!;
      expect(node.flagWeight).toBe(4);
      expect(node.flagCounts.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
        { reason: 'HATE', count: 1 },
        { reason: 'SPAM', count: 1 },
      ]);
      const audit = (await api.dataSource.query(
        `SELECT actor, action, moderator_account_id FROM moderation_audit_log WHERE item_id = $1`,
        [item.id],
      )) as { actor: string; action: string; moderator_account_id: string | null }[];
      expect(audit).toEqual([{ actor: 'flags', action: 'hide', moderator_account_id: null }]);

      // A moderator approves: the content is public again and its flags are reviewed.
      const approved = await moderate(mod2, { itemId: item.id, action: 'APPROVE' });
      expect(approved.errors).toBeUndefined();
      expect(await threadStatus(api.dataSource, id)).toBe('published');
    });
  });

  describe('decisions', () => {
    it('approves held content, publishing it, and refuses a removal without a reason', async () => {
      const { id, item } = await screened('Ping me: approve.me@example.org');
      const noReason = await moderate(mod1, { itemId: item.id, action: 'REMOVE' });
      expect(noReason.errors?.[0].extensions?.code).toBe('MODERATION_REASON_REQUIRED');
      const ok = await moderate(mod1, { itemId: item.id, action: 'APPROVE', version: item.version });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.moderate).toMatchObject({ state: 'PUBLISHED', version: item.version + 1 });
      expect(await threadStatus(api.dataSource, id)).toBe('published');
      const stale = await moderate(mod2, {
        itemId: item.id,
        action: 'REMOVE',
        reasonCode: 'SPAM',
        version: item.version,
      });
      expect(stale.errors?.[0].extensions?.code).toBe('MODERATION_VERSION_CONFLICT');
    });

    it('lets one of two concurrent moderators win; the other is told and nothing is applied twice', async () => {
      for (let round = 0; round < 3; round++) {
        const { id, item } = await screened(`Concurrent ${round}: contact race.${round}@example.org`);
        const results = await Promise.all([
          moderate(mod1, { itemId: item.id, action: 'APPROVE' }),
          moderate(mod2, { itemId: item.id, action: 'REMOVE', reasonCode: 'SPAM' }),
        ]);
        const ok = results.filter((r) => !r.errors);
        const refused = results.filter((r) => r.errors);
        expect(ok).toHaveLength(1);
        expect(refused.map((r) => r.errors![0].extensions?.code)).toEqual(['MODERATION_ALREADY_DECIDED']);
        const audit = (await api.dataSource.query(
          `SELECT count(*)::int AS n FROM moderation_audit_log WHERE item_id = $1`,
          [item.id],
        )) as { n: number }[];
        expect(audit[0].n).toBe(1);
        expect((await itemOf(api.dataSource, id))!.version).toBe(1);
      }
    });
  });

  describe('audit log', () => {
    it('cannot be updated, deleted or truncated, even by SQL', async () => {
      const { item } = await screened('Audit me at audit.me@example.org');
      await moderate(mod1, { itemId: item.id, action: 'REMOVE', reasonCode: 'PERSONAL_INFORMATION', note: 'doxxing' });
      const [before] = (await api.dataSource.query(`SELECT * FROM moderation_audit_log WHERE item_id = $1`, [
        item.id,
      ])) as Record<string, unknown>[];
      expect(before).toMatchObject({ actor: 'moderator', moderator_account_id: mod1.accountId, action: 'remove' });
      await expect(
        api.dataSource.query(`UPDATE moderation_audit_log SET reason_code = 'spam' WHERE item_id = $1`, [item.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        api.dataSource.query(`DELETE FROM moderation_audit_log WHERE item_id = $1`, [item.id]),
      ).rejects.toThrow(/append-only/);
      await expect(api.dataSource.query(`TRUNCATE moderation_audit_log`)).rejects.toThrow(/append-only/);
      const [after] = (await api.dataSource.query(`SELECT * FROM moderation_audit_log WHERE item_id = $1`, [
        item.id,
      ])) as Record<string, unknown>[];
      expect(after).toEqual(before);
    });
  });

  describe('appeals', () => {
    it('lets the author appeal once with their key; another moderator decides', async () => {
      const { id, key, item } = await screened('He lives at 1234 Elm Street, go see');
      expect(
        (await moderate(mod1, { itemId: item.id, action: 'REMOVE', reasonCode: 'PERSONAL_INFORMATION' })).errors,
      ).toBeUndefined();
      const statement = 'That is the company office, not a home.';
      const wrongKey = authorKey();
      const refused = await api.gql(APPEAL, {
        input: {
          contentType: 'THREAD',
          contentId: id,
          statement,
          signature: wrongKey.sign('appeal', ['thread', id, statement]),
        },
      });
      expect(refused.errors?.[0].extensions?.code).toBe('AUTHOR_SIGNATURE_INVALID');
      const input = {
        contentType: 'THREAD',
        contentId: id,
        statement,
        signature: key.sign('appeal', ['thread', id, statement]),
      };
      const ok = await api.gql<{ appealRemoval: unknown }>(APPEAL, { input });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.appealRemoval).toEqual({ state: 'REMOVED', appealed: true, canAppeal: false });
      const twice = await api.gql(APPEAL, { input });
      expect(twice.errors?.[0].extensions?.code).toBe('MODERATION_ALREADY_APPEALED');

      const queued = await api.gql<{ moderationQueue: { edges: { node: QueueNode & { appealStatement: string } }[] } }>(
        QUEUE,
        { queueReason: 'APPEALED' },
        mod2.header,
      );
      expect(queued.data!.moderationQueue.edges.map((e) => e.node.appealStatement)).toContain(statement);

      const same = await moderate(mod1, { itemId: item.id, action: 'RESTORE' });
      expect(same.errors?.[0].extensions?.code).toBe('MODERATION_APPEAL_NEEDS_ANOTHER_MODERATOR');
      const restored = await moderate(mod2, { itemId: item.id, action: 'RESTORE' });
      expect(restored.errors).toBeUndefined();
      expect(restored.data!.moderate.state).toBe('PUBLISHED');
      expect(await threadStatus(api.dataSource, id)).toBe('published');
    });
  });

  describe('public moderation log', () => {
    it('counts removals by reason and period for a company and a board, without content', async () => {
      const slug = other.slug;
      const board = 'career';
      const removals: [string, string | null][] = [
        ['SPAM', null],
        ['SPAM', null],
        ['HATE', board],
      ];
      for (const [reason, boardSlug] of removals) {
        const { item } = await screened(
          `Log ${reason} ${Math.random()} mail.${reason}@example.org`,
          authorKey(),
          other.id,
          boardSlug,
        );
        expect(
          (await moderate(mod2, { itemId: item.id, action: 'REMOVE', reasonCode: reason })).errors,
        ).toBeUndefined();
      }
      const all = await api.gql<{ moderationLog: { periodStart: string; reason: string; removals: number }[] }>(LOG, {
        companySlug: slug,
        period: 'DAY',
      });
      expect(all.errors).toBeUndefined();
      const counts = Object.fromEntries(all.data!.moderationLog.map((e) => [e.reason, e.removals]));
      expect(counts).toEqual({ SPAM: 2, HATE: 1 });
      expect(Object.keys(all.data!.moderationLog[0]).sort()).toEqual(['periodStart', 'reason', 'removals']);
      const onBoard = await api.gql<{ moderationLog: { reason: string; removals: number }[] }>(LOG, {
        companySlug: slug,
        boardSlug: board,
      });
      expect(onBoard.data!.moderationLog.map((e) => [e.reason, e.removals])).toEqual([['HATE', 1]]);
    });
  });
});
