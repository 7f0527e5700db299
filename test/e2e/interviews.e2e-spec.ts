// Issue 14, interviews: interview reviews written by verified candidates of any company, one per person per
// company per ARC period, screened and published on the delayed path, aggregated per company and title.
// Real PostgreSQL, Redis and workers; GraphQL over HTTP with variables.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { interviewFields, type InterviewDraft } from '@unlinked/client';
import { ArcKeysService } from '@unlinked/platform';
import { ArcHolder, Author, openCompany, waitFor, type TestCompany } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';

const CREATE = /* GraphQL */ `
  mutation CreateInterview($input: CreateInterviewInput!, $token: String) {
    createInterview(input: $input, token: $token) {
      id
      status
    }
  }
`;

const DELETE = /* GraphQL */ `
  mutation DeleteInterview($input: DeleteContentInput!) {
    deleteInterview(input: $input) {
      id
      status
    }
  }
`;

const FIELDS = `id jobTitle jobTitleKey month source difficulty experience outcome processLength stages questions
  company { slug } candidateCompany { slug name }`;

const INTERVIEWS = /* GraphQL */ `
  query Interviews($companySlug: String!, $sort: InterviewSort, $jobTitle: String, $outcome: InterviewOutcome,
    $first: Int, $after: String) {
    interviews(companySlug: $companySlug, sort: $sort, jobTitle: $jobTitle, outcome: $outcome, first: $first,
      after: $after) {
      edges { node { ${FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $companySlug: String) {
    searchInterviews(query: $query, companySlug: $companySlug) {
      edges {
        node {
          id
          questions
        }
      }
    }
  }
`;

const STATS_FIELDS = `jobTitle jobTitleKey reportCount minimumReports aggregatesVisible difficultyAverage
  experience { positive neutral negative } offerRate typicalProcessLength`;

const STATS = /* GraphQL */ `
  query Stats($slug: String!, $title: String!) {
    company(slug: $slug) {
      interviewStats { overall { ${STATS_FIELDS} } byTitle { ${STATS_FIELDS} } }
      interviewTitleStats(jobTitle: $title) { ${STATS_FIELDS} }
    }
  }
`;

const FLAG = /* GraphQL */ `
  mutation Flag($input: FlagContentInput!, $token: String) {
    flagContent(input: $input, token: $token)
  }
`;

const STATUS = /* GraphQL */ `
  query Status($id: ID!) {
    contentStatus(id: $id)
  }
`;

/** A draft as a test sends it: enum names as strings, so that bad ones can be sent too. */
type Draft = Omit<InterviewDraft, 'source' | 'experience' | 'outcome' | 'processLength'> & {
  source: string;
  experience: string;
  outcome: string;
  processLength: string;
};

type InterviewNode = Omit<Draft, 'showCompany'> & {
  id: string;
  jobTitleKey: string;
  company: { slug: string };
  candidateCompany: { slug: string; name: string } | null;
};

type Stats = {
  jobTitle: string | null;
  jobTitleKey: string | null;
  reportCount: number;
  minimumReports: number;
  aggregatesVisible: boolean;
  difficultyAverage: number | null;
  experience: { positive: number; neutral: number; negative: number } | null;
  offerRate: number | null;
  typicalProcessLength: string | null;
};

const lastMonth = (() => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    jobTitle: 'Software Engineer',
    month: lastMonth,
    source: 'Referral',
    difficulty: 4,
    experience: 'Positive',
    outcome: 'OfferAccepted',
    processLength: 'TwoToFourWeeks',
    stages: 'Recruiter call, two coding rounds, a system design round and a manager chat.',
    questions: ['Design a rate limiter for an API gateway.', 'Reverse a linked list in place.'],
    showCompany: false,
    ...overrides,
  };
}

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('interview reviews (real PostgreSQL, Redis, workers)', () => {
  let api: TestApi;
  /** Interviewed at: no verified members needed. */
  let target: TestCompany;
  /** Another target, for the aggregates test alone. */
  let counted: TestCompany;
  /** The candidates' own companies: one above K, one below. */
  let home: TestCompany;
  let tiny: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      MODERATION_RULE_ACTIONS: 'duplicate=allow',
      BOARD_MIN_VERIFIED: '10',
      INTERVIEW_MIN_REPORTS: '3',
    });
    target = await openCompany(api, 'alibaba', 0);
    counted = await openCompany(api, 'baidu', 0);
    home = await openCompany(api, 'tencent', 25);
    tiny = await openCompany(api, 'bytedance', 3);
  });

  afterAll(async () => {
    await api?.close();
  });

  function write(holder: ArcHolder, at: TestCompany, d: Draft = draft(), author = new Author(), token?: string) {
    const signed = interviewFields(at.slug, holder.company.slug, d as InterviewDraft);
    return api.gql<{ createInterview: { id: string; status: string } }>(CREATE, {
      input: {
        companySlug: at.slug,
        candidateCompanySlug: holder.company.slug,
        ...d,
        authorKey: author.publicKey,
        signature: author.sign('create-interview', signed),
      },
      token: token ?? holder.interview(at),
    });
  }

  async function settled(id: string, status = 'Published'): Promise<void> {
    await waitFor(
      async () => (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus === status,
      // Screening and publication are jobs behind the outbox relay: on a loaded machine they can take over 30 s.
      LONG_WAIT_MS,
      `interview ${id} to be ${status}`,
    );
  }

  async function published(holder: ArcHolder, at: TestCompany, d?: Draft, author?: Author): Promise<string> {
    const res = await write(holder, at, d, author);
    expect(res.errors).toBeUndefined();
    await settled(res.data!.createInterview.id);
    return res.data!.createInterview.id;
  }

  async function list(variables: Record<string, unknown>): Promise<InterviewNode[]> {
    const res = await api.gql<{ interviews: { edges: { node: InterviewNode }[] } }>(INTERVIEWS, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.interviews.edges.map((e) => e.node);
  }

  async function stats(at: TestCompany, title = 'Software Engineer') {
    const res = await api.gql<{
      company: { interviewStats: { overall: Stats; byTitle: Stats[] }; interviewTitleStats: Stats };
    }>(STATS, { slug: at.slug, title });
    expect(res.errors).toBeUndefined();
    return res.data!.company;
  }

  it('a verified member of another company writes one; it is pending, then published as a verified candidate', async () => {
    const holder = new ArcHolder(api, home);
    const res = await write(holder, target, draft({ questions: ['Explain MVCC in PostgreSQL.'] }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.createInterview.status).toBe('Pending');
    const id = res.data!.createInterview.id;
    // Pending content is not public.
    expect((await list({ companySlug: target.slug })).map((i) => i.id)).not.toContain(id);
    await settled(id);
    const [shown] = (await list({ companySlug: target.slug })).filter((i) => i.id === id);
    expect(shown).toMatchObject({
      company: { slug: target.slug },
      candidateCompany: null,
      jobTitle: 'Software Engineer',
      jobTitleKey: 'software-engineer',
      month: lastMonth,
      source: 'Referral',
      difficulty: 4,
      experience: 'Positive',
      outcome: 'OfferAccepted',
      processLength: 'TwoToFourWeeks',
      questions: ['Explain MVCC in PostgreSQL.'],
    });
    // Nothing stored names the writer's company when it is not shown.
    const [row] = (await api.dataSource.query(`SELECT shown_company_id FROM interviews WHERE id = $1`, [id])) as {
      shown_company_id: string | null;
    }[];
    expect(row.shown_company_id).toBeNull();
    // Nor does the spent tag: it is kept under the period, not the key of the writer's company.
    const tags = (await api.dataSource.query(`SELECT 1 FROM spent_arc_tags WHERE key_id = $1`, [
      Buffer.from(holder.key.keyId),
    ])) as unknown[];
    expect(tags).toHaveLength(0);
    expect(
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM spent_arc_tags`)) as { n: number }[])[0].n,
    ).toBe(1);
    // The moderation pipeline screened it on the way.
    const items = (await api.dataSource.query(
      `SELECT state FROM moderation_items WHERE content_type = 'interview' AND content_id = $1`,
      [id],
    )) as { state: string }[];
    expect(items).toEqual([{ state: 'published' }]);
    // Readers report it like any content: once per person, under the interview's period.
    const flag = (reporter: ArcHolder) =>
      api.gql(FLAG, {
        input: { companySlug: reporter.company.slug, contentType: 'INTERVIEW', contentId: id, reason: 'SPAM' },
        token: reporter.flag('interview', id),
      });
    const reporter = new ArcHolder(api, home);
    expect((await flag(reporter)).errors).toBeUndefined();
    expect(code(await flag(reporter))).toBe('ALREADY_FLAGGED');
  });

  it('one per person per company per period: the second is ALREADY_INTERVIEW_REVIEWED and writes nothing', async () => {
    const me = new ArcHolder(api, home);
    const other = await openCompany(api, 'meituan', 0);
    const rows = async () =>
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM interviews`)) as { n: number }[])[0].n;
    expect((await write(me, other)).errors).toBeUndefined();
    const before = await rows();
    const again = await write(me, other, draft({ stages: 'Trying a second time with other words entirely.' }));
    expect(code(again)).toBe('ALREADY_INTERVIEW_REVIEWED');
    expect(await rows()).toBe(before);
    // Another target company is another context: the same person may review it.
    expect((await write(me, target)).errors).toBeUndefined();
    // The credential must be of the company the writer names as theirs (its key verifies the presentation).
    const foreign = new ArcHolder(api, tiny).interview(other);
    expect(code(await write(me, other, draft(), new Author(), foreign))).toBe('TOKEN_INVALID');
    // Last period's credential does not write now (one per period, under the current period's key).
    const current = api.app.get(ArcKeysService).periodAt();
    expect(code(await write(new ArcHolder(api, home, current - 1), other))).toBe('ARC_WRONG_PERIOD');
    expect(await rows()).toBe(before + 1);
  });

  it("shows the candidate's company only when chosen and while it is above K; a writer's company below K cannot write", async () => {
    const id = await published(
      new ArcHolder(api, home),
      counted,
      draft({ showCompany: true, jobTitle: 'Data Analyst' }),
    );
    const find = async () => (await list({ companySlug: counted.slug })).find((i) => i.id === id)!;
    expect((await find()).candidateCompany).toEqual({ slug: home.slug, name: expect.any(String) });
    // The company falls below K (verifications lapse): the badge goes, read by read.
    await api.dataSource.query(`UPDATE companies SET verified_members = 5 WHERE id = $1`, [home.id]);
    try {
      expect((await find()).candidateCompany).toBeNull();
    } finally {
      await api.dataSource.query(`UPDATE companies SET verified_members = 25 WHERE id = $1`, [home.id]);
    }
    // A company below K is no crowd: its members write nothing anonymous, shown or not.
    const closed = await write(new ArcHolder(api, tiny), counted, draft({ showCompany: false }));
    expect(code(closed)).toBe('BOARD_CLOSED');
  });

  it('screens every question: one with an email address is held, not published and not counted', async () => {
    const res = await write(
      new ArcHolder(api, home),
      await openCompany(api, 'jd', 0),
      draft({ questions: ['Fine question about queues.', 'They said mail hr.person@example.com for feedback.'] }),
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createInterview.id;
    await waitFor(
      async () =>
        (
          (await api.dataSource.query(
            `SELECT 1 FROM moderation_items WHERE content_type = 'interview' AND content_id = $1 AND state = 'held'`,
            [id],
          )) as unknown[]
        ).length === 1,
      LONG_WAIT_MS,
      'screening to hold the interview',
    );
    expect((await api.gql<{ contentStatus: string }>(STATUS, { id })).data!.contentStatus).not.toBe('Published');
    const jd = (await api.dataSource.query(`SELECT count(*)::int AS n FROM interview_stats s JOIN companies c
      ON c.id = s.company_id WHERE c.slug = 'jd' AND s.report_count > 0`)) as { n: number }[];
    expect(jd[0].n).toBe(0);
  });

  it('aggregates appear at INTERVIEW_MIN_REPORTS, per company and per title, and follow removal', async () => {
    const at = await openCompany(api, 'pinduoduo', 0);
    const ids: string[] = [];
    const cases: Partial<Draft>[] = [
      { difficulty: 2, experience: 'Positive', outcome: 'OfferAccepted', processLength: 'UnderOneWeek' },
      { difficulty: 4, experience: 'Negative', outcome: 'NoOffer', processLength: 'TwoToFourWeeks' },
    ];
    const authors = cases.map(() => new Author());
    for (const [i, c] of cases.entries()) {
      ids.push(await published(new ArcHolder(api, home), at, draft({ ...c, jobTitle: '软件工程师' }), authors[i]));
    }
    let s = await stats(at);
    expect(s.interviewStats.overall).toMatchObject({ reportCount: 2, minimumReports: 3, aggregatesVisible: false });
    expect(s.interviewStats.overall.difficultyAverage).toBeNull();
    expect(s.interviewStats.byTitle).toEqual([]);

    // The third report (the same title written in English) opens both the company's and the title's aggregates.
    ids.push(
      await published(
        new ArcHolder(api, home),
        at,
        draft({ difficulty: 5, experience: 'Neutral', outcome: 'Waiting', processLength: 'OverTwoMonths' }),
      ),
    );
    s = await stats(at, 'software engineer');
    const expected = {
      reportCount: 3,
      aggregatesVisible: true,
      difficultyAverage: 3.7,
      experience: { positive: 33.3, neutral: 33.3, negative: 33.3 },
      // Decided processes only: one offer out of two (the waiting one is not decided).
      offerRate: 50,
      typicalProcessLength: 'TwoToFourWeeks',
    };
    expect(s.interviewStats.overall).toMatchObject({ ...expected, jobTitle: null });
    expect(s.interviewStats.byTitle).toEqual([
      expect.objectContaining({ ...expected, jobTitle: 'Software Engineer', jobTitleKey: 'software-engineer' }),
    ]);
    expect(s.interviewTitleStats).toMatchObject(expected);
    // Filtering by title uses the same normalisation; a filter sent as null is no filter.
    expect(await list({ companySlug: at.slug, jobTitle: 'SWE' })).toHaveLength(3);
    expect(await list({ companySlug: at.slug, jobTitle: null, outcome: null })).toHaveLength(3);
    expect((await list({ companySlug: at.slug, outcome: 'NoOffer' })).map((i) => i.difficulty)).toEqual([4]);

    // The author deletes one: counted out at once, below the minimum again.
    const del = await api.gql<{ deleteInterview: { status: string } }>(DELETE, {
      input: { id: ids[0], signature: authors[0].sign('delete-interview', [ids[0]]) },
    });
    expect(del.errors).toBeUndefined();
    s = await stats(at);
    expect(s.interviewStats.overall).toMatchObject({ reportCount: 2, aggregatesVisible: false, offerRate: null });
    const [gone] = (await api.dataSource.query(`SELECT status, stages FROM interviews WHERE id = $1`, [ids[0]])) as {
      status: string;
      stages: string;
    }[];
    expect(gone).toEqual({ status: 'deleted', stages: '[deleted]' });
    const questions = (await api.dataSource.query(`SELECT 1 FROM interview_questions WHERE interview_id = $1`, [
      ids[0],
    ])) as unknown[];
    expect(questions).toHaveLength(0);
  });

  it('keeps aggregates exact under concurrent publications', async () => {
    const at = await openCompany(api, 'xiaomi', 0);
    const difficulties = [1, 2, 3, 4, 5, 3, 2, 4];
    const writes = await Promise.all(
      difficulties.map((difficulty) => write(new ArcHolder(api, home), at, draft({ difficulty }))),
    );
    for (const w of writes) expect(w.errors).toBeUndefined();
    await Promise.all(writes.map((w) => settled(w.data!.createInterview.id)));
    const [row] = (await api.dataSource.query(
      `SELECT s.report_count, s.difficulty_sum, t.report_count AS title_count FROM interview_stats s
       JOIN interview_stats t ON t.company_id = s.company_id AND t.title_key = 'software-engineer'
       WHERE s.company_id = $1 AND s.title_key = ''`,
      [at.id],
    )) as { report_count: number; difficulty_sum: number; title_count: number }[];
    expect(row).toEqual({
      report_count: difficulties.length,
      difficulty_sum: difficulties.reduce((a, b) => a + b, 0),
      title_count: difficulties.length,
    });
  });

  it('searches the questions, Chinese included, with keyset pages', async () => {
    const at = await openCompany(api, 'netease', 0);
    const ids = [];
    for (const q of [
      '请实现一个线程安全的LRU缓存',
      '如何设计一个短链接系统',
      'Explain consistent hashing ring rebalancing',
    ]) {
      ids.push(await published(new ArcHolder(api, home), at, draft({ questions: [q] })));
    }
    const search = async (query: string) => {
      const res = await api.gql<{ searchInterviews: { edges: { node: { id: string; questions: string[] } }[] } }>(
        SEARCH,
        { query, companySlug: at.slug },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.searchInterviews.edges.map((e) => e.node.id);
    };
    expect(await search('LRU缓存')).toEqual([ids[0]]);
    expect(await search('短链接')).toEqual([ids[1]]);
    expect(await search('设计')).toEqual([ids[1]]);
    expect(await search('hashing')).toEqual([ids[2]]);
    expect(await search('一个')).toEqual([ids[1], ids[0]]);
    const short = await api.gql(SEARCH, { query: '缓' });
    expect(code(short)).toBe('BAD_USER_INPUT');

    // Keyset pages of a company's interviews: hardest first, no overlap, nothing lost.
    const first = await api.gql<{ interviews: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
      INTERVIEWS,
      { companySlug: at.slug, sort: 'Difficulty', first: 2 },
    );
    const rest = await list({
      companySlug: at.slug,
      sort: 'Difficulty',
      first: 2,
      after: first.data!.interviews.pageInfo.endCursor,
    });
    const seen = [...first.data!.interviews.edges.map((e) => e.node.id), ...rest.map((i) => i.id)];
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('refuses bad input with named errors and spends nothing', async () => {
    const me = new ArcHolder(api, home);
    const at = await openCompany(api, 'kuaishou', 0);
    const cases: [Partial<Draft>, string, string?][] = [
      [{ month: '2099-01' }, 'INTERVIEW_MONTH_INVALID', 'month'],
      [{ month: 'last spring' }, 'INTERVIEW_MONTH_INVALID', 'month'],
      [
        { questions: Array.from({ length: 21 }, (_, i) => `Question number ${i}?`) },
        'INTERVIEW_QUESTIONS_TOO_MANY',
        'questions',
      ],
      [{ questions: ['A fine question.', '   '] }, 'TEXT_EMPTY', 'questions[1]'],
      [{ questions: ['x'.repeat(1001)] }, 'TEXT_TOO_LONG', 'questions[0]'],
      [{ stages: '' }, 'TEXT_EMPTY', 'stages'],
      [{ jobTitle: 'y'.repeat(101) }, 'TEXT_TOO_LONG', 'jobTitle'],
      [{ difficulty: 6 }, 'BAD_USER_INPUT'],
      [{ outcome: 'Hired' }, 'BAD_USER_INPUT'],
    ];
    for (const [bad, expected, field] of cases) {
      const res = await write(me, at, draft(bad));
      expect([code(res), bad]).toEqual([expected, bad]);
      if (field) expect((res.errors![0].extensions as { field?: string }).field).toBe(field);
    }
    const nowhere = { id: randomUUID(), slug: 'no-such-company' };
    expect(code(await write(me, nowhere))).toBe('COMPANY_NOT_FOUND');
    const forged = await api.gql(CREATE, {
      input: {
        ...draft(),
        companySlug: at.slug,
        candidateCompanySlug: home.slug,
        authorKey: new Author().publicKey,
        signature: new Author().sign('create-interview', []),
      },
      token: me.interview(at),
    });
    expect(code(forged)).toBe('SIGNATURE_INVALID');
    // Nothing was spent or written: the same credential still writes its one review of this company.
    expect((await list({ companySlug: at.slug })).length).toBe(0);
    await published(me, at);
  });
});
