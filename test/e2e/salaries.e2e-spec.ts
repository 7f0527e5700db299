// Issue 14, salaries: reports paid with an ARC presentation (salary:<company id>), screened and published on the
// delayed path, shown only as aggregates of groups of at least SALARY_MIN_REPORTS. Real PostgreSQL, Redis, workers.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ContentStatus, ContentType } from '@unlinked/db/anonymous';
import { ContentRepository, PublicationService, SalaryGroupsRefresh } from '@unlinked/forum';
import { ArcKeysService } from '@unlinked/platform';
import { ArcHolder, Author, openCompany, waitFor, type TestCompany } from '../support/forum-client.js';
import { salaryDraft, submitSalary, type SalaryDraft } from '../support/salary-client.js';
import { startTestApi, type GqlResult, type TestApi } from '../support/test-app.js';
import { HEAVY_TEST_MS, LONG_WAIT_MS } from '../support/timing.js';

jest.setTimeout(HEAVY_TEST_MS);

const K = 5;

const RANGE = 'p25 median p75';
const GROUP = `company { slug } scope titleKey jobTitle level city currency reportCount minimumReports visible
  total { ${RANGE} } base { ${RANGE} } bonus { ${RANGE} } stock { ${RANGE} } signOn { ${RANGE} }`;

const SALARY_GROUPS = /* GraphQL */ `
  query SalaryGroups($companySlug: String!, $sort: SalarySort, $first: Int, $after: String) {
    salaryGroups(companySlug: $companySlug, sort: $sort, first: $first, after: $after) {
      edges { node { ${GROUP} breakdown { ${GROUP} } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const LOOKUP = /* GraphQL */ `
  query Lookup($jobTitle: String!, $level: String, $city: String) {
    salaryLookup(jobTitle: $jobTitle, level: $level, city: $city) { edges { node { ${GROUP} } } }
  }
`;

const COMPARE = /* GraphQL */ `
  query Compare($companySlug: String!, $compareWith: [String!]!) {
    salaryComparison(companySlug: $companySlug, compareWith: $compareWith) {
      companies { slug }
      rows { titleKey jobTitle currency cells { ${GROUP} } }
    }
  }
`;

interface PayRange {
  p25: number;
  median: number;
  p75: number;
}
interface Group {
  company: { slug: string };
  scope: string;
  titleKey: string;
  jobTitle: string;
  level: string | null;
  city: string | null;
  currency: string;
  reportCount: number;
  visible: boolean;
  total: PayRange | null;
  base: PayRange | null;
  bonus: PayRange | null;
  stock: PayRange | null;
  signOn: PayRange | null;
  breakdown?: Group[];
}

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

/** percentile_cont of sorted values, rounded to the nearest 1,000 as the API shows it. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const exact = s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
  return Math.round(exact / 1000) * 1000;
}

describe('Salary reports and aggregates (real PostgreSQL, Redis, workers, HTTP)', () => {
  let api: TestApi;
  let alibaba: TestCompany;
  let tencent: TestCompany;
  let bytedance: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      SALARY_MIN_REPORTS: String(K),
    });
    [alibaba, tencent, bytedance] = await Promise.all(
      ['alibaba', 'tencent', 'bytedance'].map((slug) => openCompany(api, slug)),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  /** One person (a fresh credential) reports; returns the report's id. */
  async function report(company: TestCompany, draft: SalaryDraft): Promise<string> {
    const res = await submitSalary(api, new ArcHolder(api, company), draft);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createSalaryReport.status).toBe('Pending');
    return res.data!.createSalaryReport.id;
  }

  async function published(ids: string[]): Promise<void> {
    await waitFor(
      async () => {
        const [{ n }] = (await api.dataSource.query(
          `SELECT count(*)::int AS n FROM salary_reports s JOIN moderation_items m ON m.content_id = s.id
           WHERE s.id = ANY($1::uuid[]) AND s.status = 'published' AND m.state = 'published'`,
          [ids],
        )) as { n: number }[];
        return n === ids.length;
      },
      LONG_WAIT_MS,
      `${ids.length} salary reports to be screened and published`,
    );
  }

  async function titles(company: TestCompany): Promise<Group[]> {
    const res = await api.gql<{ salaryGroups: { edges: { node: Group }[] } }>(SALARY_GROUPS, {
      companySlug: company.slug,
      first: 100,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.salaryGroups.edges.map((e) => e.node);
  }

  async function storedGroups(company: TestCompany, titleKey: string) {
    return (await api.dataSource.query(
      `SELECT * FROM salary_groups WHERE company_id = $1 AND title_key = $2 ORDER BY scope, level_key, city_key`,
      [company.id, titleKey],
    )) as Record<string, unknown>[];
  }

  it('screens and publishes a report on the delayed path; alone, it shows no figure in the API or the aggregates table', async () => {
    const id = await report(
      alibaba,
      salaryDraft({
        jobTitle: 'Solutions  Architect',
        level: 'P8',
        city: 'Hangzhou',
        basePay: 512_345,
        signOn: 60_000,
      }),
    );
    await published([id]);
    const status = await api.gql<{ contentStatus: string }>(`query($id: ID!) { contentStatus(id: $id) }`, { id });
    expect(status.data?.contentStatus).toBe('Published');
    const [row] = (await api.dataSource.query(
      `SELECT s.created_at, s.job_title, s.title_key, m.screening_outcome
       FROM salary_reports s JOIN moderation_items m ON m.content_id = s.id WHERE s.id = $1`,
      [id],
    )) as { created_at: Date; job_title: string; title_key: string; screening_outcome: string }[];
    expect(row.screening_outcome).toBe('publish');
    // The stored time is the hour bucket, as for all anonymous content.
    expect(row.created_at.getTime() % (api.config.anonymity.timeBucketSeconds * 1000)).toBe(0);
    expect([row.job_title, row.title_key]).toEqual(['Solutions Architect', 'solutions architect']);

    const group = (await titles(alibaba)).find((g) => g.titleKey === 'solutions architect')!;
    expect(group).toMatchObject({ scope: 'Title', reportCount: 1, visible: false, total: null, base: null });
    expect([group.bonus, group.stock, group.signOn, group.breakdown]).toEqual([null, null, null, []]);

    // A thief with the aggregates table learns the group exists, not what anyone in it earns.
    const stored = await storedGroups(alibaba, 'solutions architect');
    expect(stored.map((g) => g.scope).sort()).toEqual(['city', 'level', 'level_city', 'title']);
    for (const g of stored) {
      const amounts = Object.entries(g).filter(([c]) => /_p(25|50|75)$/.test(c));
      expect(amounts).toHaveLength(15);
      expect(amounts.filter(([, v]) => v !== null)).toEqual([]);
    }
  });

  it('shows figures from SALARY_MIN_REPORTS reports, rounded to 1,000; finer groups below it roll up into the title', async () => {
    // Five people, three spellings of one listed title, levels spelled three ways.
    const people = [
      { jobTitle: 'SWE', level: 'T9', basePay: 300_500, stock: 0 },
      { jobTitle: '软件工程师', level: 't9', basePay: 350_400, stock: 0 },
      { jobTitle: 'software engineer', level: 'T 9', basePay: 420_000, stock: 100_000 },
      { jobTitle: 'Software Engineer', level: 'T10', basePay: 500_000, stock: 120_000 },
    ];
    const first = await Promise.all(
      people.map((p) => report(tencent, salaryDraft({ ...p, city: 'Shenzhen', bonus: 50_000 }))),
    );
    await published(first);
    let [swe] = (await titles(tencent)).filter((g) => g.titleKey === 'software-engineer');
    expect(swe).toMatchObject({ jobTitle: 'Software Engineer', reportCount: K - 1, visible: false, total: null });

    const fifth = await report(
      tencent,
      salaryDraft({
        jobTitle: 'Software Engineer',
        level: 'T10',
        city: 'shenzhen',
        basePay: 610_000,
        bonus: 50_000,
        stock: 200_000,
      }),
    );
    await published([fifth]);
    [swe] = (await titles(tencent)).filter((g) => g.titleKey === 'software-engineer');
    const bases = [300_500, 350_400, 420_000, 500_000, 610_000];
    const totals = [350_500, 400_400, 570_000, 670_000, 860_000];
    expect(swe).toMatchObject({
      scope: 'Title',
      currency: 'CNY',
      reportCount: K,
      visible: true,
      total: { p25: 400_000, median: 570_000, p75: 670_000 },
      base: { p25: percentile(bases, 0.25), median: 420_000, p75: 500_000 },
      bonus: { p25: 50_000, median: 50_000, p75: 50_000 },
      stock: { p25: 0, median: 100_000, p75: 120_000 },
      signOn: null,
    });
    expect(swe.total).toEqual({
      p25: percentile(totals, 0.25),
      median: percentile(totals, 0.5),
      p75: percentile(totals, 0.75),
    });
    // The city group has all five: shown. Levels t9 (3) and t10 (2) are too small: only in the title's figures.
    expect(swe.breakdown!.map((g) => [g.scope, g.city, g.level, g.reportCount])).toEqual([
      ['City', 'Shenzhen', null, 5],
    ]);

    const lookup = async (level: string, city: string) => {
      const res = await api.gql<{ salaryLookup: { edges: { node: Group }[] } }>(LOOKUP, {
        jobTitle: 'software developer',
        level,
        city,
      });
      expect(res.errors).toBeUndefined();
      return res.data!.salaryLookup.edges.map((e) => [e.node.company.slug, e.node.scope, e.node.reportCount]);
    };
    expect(await lookup('T9', 'SHENZHEN')).toEqual([['tencent', 'City', 5]]);

    // Two more T9s: the level (and level-and-city) group reaches five and is shown on its own.
    const more = await Promise.all(
      [380_000, 390_000].map((basePay) =>
        report(tencent, salaryDraft({ jobTitle: 'SDE', level: 'T9', city: 'Shenzhen', basePay, bonus: 0, stock: 0 })),
      ),
    );
    await published(more);
    [swe] = (await titles(tencent)).filter((g) => g.titleKey === 'software-engineer');
    expect(swe.reportCount).toBe(7);
    expect(swe.breakdown!.map((g) => [g.scope, g.level, g.reportCount]).sort()).toEqual([
      ['City', null, 7],
      ['Level', 'T9', 5],
    ]);
    const t9 = swe.breakdown!.find((g) => g.scope === 'Level')!;
    expect(t9.base).toEqual({ p25: 350_000, median: 380_000, p75: 390_000 });
    expect(await lookup('t9', 'Shenzhen')).toEqual([['tencent', 'LevelCity', 5]]);
    expect(await lookup('T10', 'Beijing')).toEqual([['tencent', 'Title', 7]]);
  });

  it('takes one report per person per company per period (ALREADY_REPORTED_SALARY), and writes nothing more', async () => {
    const me = new ArcHolder(api, bytedance);
    const count = async () =>
      (
        (await api.dataSource.query(`SELECT count(*)::int AS n FROM salary_reports WHERE company_id = $1`, [
          bytedance.id,
        ])) as { n: number }[]
      )[0].n;
    expect((await submitSalary(api, me, salaryDraft({ jobTitle: 'Product Manager' }))).errors).toBeUndefined();
    const again = await submitSalary(api, me, salaryDraft({ jobTitle: 'Data Scientist', basePay: 999_000 }));
    expect(code(again)).toBe('ALREADY_REPORTED_SALARY');
    expect(again.errors![0].message).toMatch(/already reported a salary/);
    // Last period's credential is still live for votes, but reports take the current period's.
    const last = new ArcHolder(api, bytedance, api.app.get(ArcKeysService).periodAt() - 1);
    expect(code(await submitSalary(api, last, salaryDraft()))).toBe('ARC_WRONG_PERIOD');
    // A review presentation is another context: it does not pay for a salary report.
    const res = await api.gql(
      `mutation($input: CreateSalaryReportInput!, $token: String) { createSalaryReport(input: $input, token: $token) { id } }`,
      { input: { companySlug: bytedance.slug, ...salaryDraft(), authorKey: 'x', signature: 'y' }, token: me.review() },
    );
    expect(code(res)).toBe('AUTHOR_KEY_INVALID');
    expect(await count()).toBe(1);
  });

  it('refuses bad input with a named error and spends nothing', async () => {
    const me = new ArcHolder(api, bytedance);
    const cases: [Partial<SalaryDraft>, string, string][] = [
      [{ currency: 'ZZZ' }, 'CURRENCY_UNKNOWN', 'currency'],
      [{ currency: 'dollars' }, 'CURRENCY_UNKNOWN', 'currency'],
      [{ basePay: 0 }, 'SALARY_AMOUNT_INVALID', 'basePay'],
      [{ bonus: -1 }, 'SALARY_AMOUNT_INVALID', 'bonus'],
      [{ signOn: -5 }, 'SALARY_AMOUNT_INVALID', 'signOn'],
      [{ jobTitle: '  \u200b ' }, 'TEXT_EMPTY', 'jobTitle'],
      [{ city: '' }, 'TEXT_EMPTY', 'city'],
      [{ level: 'L'.repeat(41) }, 'TEXT_TOO_LONG', 'level'],
    ];
    for (const [over, expected, field] of cases) {
      const res = await submitSalary(api, me, salaryDraft(over));
      expect([field, code(res)]).toEqual([field, expected]);
      expect((res.errors![0].extensions as { field?: string }).field).toBe(field);
    }
    const bad = await api.gql(
      `mutation($input: CreateSalaryReportInput!) { createSalaryReport(input: $input) { id } }`,
      {
        input: { ...salaryDraft(), experience: 'Forever', companySlug: bytedance.slug, authorKey: 'a', signature: 'b' },
      },
    );
    expect(code(bad)).toBe('BAD_USER_INPUT');
    // None of them spent the credential: the same person still reports once.
    expect((await submitSalary(api, me, salaryDraft({ jobTitle: 'Data Engineer' }))).errors).toBeUndefined();
  });

  it('compares a company with others by title, and refuses a comparison with itself or four others', async () => {
    const alibabaSwe = await report(alibaba, salaryDraft({ jobTitle: 'software engineer', basePay: 700_000 }));
    await published([alibabaSwe]);
    const res = await api.gql<{
      salaryComparison: { companies: { slug: string }[]; rows: { titleKey: string; cells: (Group | null)[] }[] };
    }>(COMPARE, { companySlug: 'tencent', compareWith: ['alibaba', 'bytedance'] });
    expect(res.errors).toBeUndefined();
    const { companies, rows } = res.data!.salaryComparison;
    expect(companies.map((c) => c.slug)).toEqual(['tencent', 'alibaba', 'bytedance']);
    const swe = rows.find((r) => r.titleKey === 'software-engineer')!;
    expect(swe.cells.map((c) => c && [c.company.slug, c.visible, c.reportCount])).toEqual([
      ['tencent', true, 7],
      ['alibaba', false, 1],
      null,
    ]);
    // Alibaba's one report is not shown beside Tencent's figures.
    expect(swe.cells[1]!.total).toBeNull();

    for (const compareWith of [['tencent'], ['alibaba', 'bytedance', 'baidu', 'meituan'], []]) {
      const bad = await api.gql(COMPARE, { companySlug: 'tencent', compareWith });
      expect([compareWith.length, code(bad)]).toEqual([compareWith.length, 'COMPARE_COMPANIES_INVALID']);
    }
  });

  it('keeps the aggregates exact under concurrent publications and withdrawals', async () => {
    const publication = api.app.get(PublicationService, { strict: false });
    const pending = async (n: number) =>
      (await api.dataSource.query(
        `INSERT INTO salary_reports (company_id, author_key, job_title, title_key, level, level_key, city, city_key,
             experience, tenure, employment_type, currency, base_pay, bonus, stock, created_at)
           SELECT $1, sha256(gen_random_uuid()::text::bytea), 'Security Engineer', 'security-engineer', 'L' || (i % 3), 'l' || (i % 3),
             'Beijing', 'beijing', '3to5', '1to3', 'full_time', 'CNY', 200000 + i * 7919, i * 1000, 0, now()
           FROM generate_series(1, $2) i RETURNING id, base_pay::int AS base`,
        [bytedance.id, n],
      )) as { id: string; base: number }[];
    const first = await pending(30);
    await Promise.all(first.map((r) => publication.publish(ContentType.Salary, r.id)));
    const second = await pending(10);
    const withdrawn = first.slice(0, 10);
    await Promise.all([
      ...second.map((r) => publication.publish(ContentType.Salary, r.id)),
      ...withdrawn.map((r) => api.dataSource.transaction((m) => publication.unpublishIn(m, ContentType.Salary, r.id))),
    ]);
    const live = [...first.slice(10), ...second];
    const [title] = (await api.dataSource.query(
      `SELECT report_count, base_p25::int, base_p50::int, base_p75::int FROM salary_groups
       WHERE company_id = $1 AND title_key = 'security-engineer' AND scope = 'title'`,
      [bytedance.id],
    )) as { report_count: number; base_p25: number; base_p50: number; base_p75: number }[];
    const bases = live.map((r) => r.base);
    expect(title).toEqual({
      report_count: live.length,
      base_p25: percentile(bases, 0.25),
      base_p50: percentile(bases, 0.5),
      base_p75: percentile(bases, 0.75),
    });
    const [{ n }] = (await api.dataSource.query(
      `SELECT sum(report_count)::int AS n FROM salary_groups WHERE company_id = $1 AND title_key = 'security-engineer' AND scope = 'level'`,
      [bytedance.id],
    )) as { n: number }[];
    expect(n).toBe(live.length);
  });

  it('shows moderators only the title, level and city of a report, and holds one whose city carries a phone number', async () => {
    const id = await report(
      alibaba,
      salaryDraft({ jobTitle: 'Recruiter', level: null, city: 'Hangzhou 13812345678', basePay: 777_777 }),
    );
    await waitFor(
      async () =>
        (
          (await api.dataSource.query(`SELECT state FROM moderation_items WHERE content_id = $1`, [id])) as {
            state: string;
          }[]
        )[0]?.state === 'held',
      LONG_WAIT_MS,
      'the report to be held by screening',
    );
    const [view] = await api.app
      .get(ContentRepository, { strict: false })
      .views(api.dataSource.manager, [{ type: ContentType.Salary, id }]);
    expect(view.text).toBe('Recruiter / HR\nHangzhou 13812345678');
    expect(view.text).not.toMatch(/777/);
    const [{ status }] = (await api.dataSource.query(`SELECT status FROM salary_reports WHERE id = $1`, [id])) as {
      status: string;
    }[];
    expect(status).toBe(ContentStatus.Pending);
    expect(await storedGroups(alibaba, 'recruiter')).toEqual([]);
  });

  it('pages a company’s titles by keyset, and lets an author withdraw a report, which leaves its groups', async () => {
    const page = async (after: string | null) =>
      (
        await api.gql<{
          salaryGroups: { edges: { node: Group }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }>(SALARY_GROUPS, { companySlug: 'alibaba', sort: 'Title', first: 1, after })
      ).data!.salaryGroups;
    const one = await page(null);
    expect([one.edges.map((e) => e.node.titleKey), one.pageInfo.hasNextPage]).toEqual([['software-engineer'], true]);
    const two = await page(one.pageInfo.endCursor);
    expect([two.edges.map((e) => e.node.titleKey), two.pageInfo.hasNextPage]).toEqual([['solutions architect'], false]);
    const forged = await api.gql(SALARY_GROUPS, { companySlug: 'alibaba', after: 'bm90IGEgY3Vyc29y' });
    expect(code(forged)).toBe('BAD_USER_INPUT');

    const author = new Author();
    const res = await submitSalary(api, new ArcHolder(api, tencent), salaryDraft({ jobTitle: 'SWE' }), author);
    const id = res.data!.createSalaryReport.id;
    await published([id]);
    const count = async () => (await titles(tencent)).find((g) => g.titleKey === 'software-engineer')!.reportCount;
    expect(await count()).toBe(8);
    const DELETE = `mutation($input: DeleteSalaryReportInput!) { deleteSalaryReport(input: $input) { id status } }`;
    const forgedDelete = await api.gql(DELETE, { input: { id, signature: new Author().sign('delete-salary', [id]) } });
    expect(code(forgedDelete)).toBe('SIGNATURE_INVALID');
    const done = await api.gql<{ deleteSalaryReport: { status: string } }>(DELETE, {
      input: { id, signature: author.sign('delete-salary', [id]) },
    });
    expect(done.data?.deleteSalaryReport.status).toBe('Deleted');
    expect(await count()).toBe(7);
    expect(await api.dataSource.query(`SELECT 1 FROM salary_reports WHERE id = $1`, [id])).toEqual([]);
  });

  it('recomputes at boot the groups stored under another SALARY_MIN_REPORTS', async () => {
    // As if the threshold had been lowered: a large group computed under a higher one holds no figures; a small one
    // computed under a lower one holds figures it must not keep.
    await api.dataSource.query(
      `UPDATE salary_groups SET total_p50 = NULL WHERE company_id = $1 AND title_key = 'software-engineer'`,
      [tencent.id],
    );
    await api.dataSource.query(
      `UPDATE salary_groups SET total_p50 = 1000 WHERE company_id = $1 AND title_key = 'solutions architect'`,
      [alibaba.id],
    );
    expect(await api.app.get(SalaryGroupsRefresh, { strict: false }).refresh()).toBe(2);
    const [swe] = (await titles(tencent)).filter((g) => g.titleKey === 'software-engineer');
    expect(swe).toMatchObject({ visible: true, reportCount: 7 });
    const stored = await storedGroups(alibaba, 'solutions architect');
    expect(stored.map((g) => g.total_p50)).toEqual([null, null, null, null]);
    expect(await api.app.get(SalaryGroupsRefresh, { strict: false }).refresh()).toBe(0);
  });

  it('has no output type that carries one report: amounts exist only as ranges of a group', async () => {
    const res = await api.gql<{
      __schema: { types: { name: string; kind: string; fields: { name: string }[] | null }[] };
    }>(`{ __schema { types { name kind fields { name } } } }`);
    const amountFields = res
      .data!.__schema.types.filter((t) => t.kind === 'OBJECT' && !t.name.startsWith('__'))
      .flatMap((t) => (t.fields ?? []).map((f) => `${t.name}.${f.name}`))
      .filter((f) => /\.(basePay|signOnBonus|salary|amount)$/i.test(f));
    expect(amountFields).toEqual([]);
    const groupFields = res.data!.__schema.types.find((t) => t.name === 'SalaryGroup')!.fields!.map((f) => f.name);
    expect(groupFields).not.toContain('id');
  });
});
