// Every kind of content through publication on a freshly migrated database: salary reports (Salaries17647100000000)
// and interview reviews (Interviews17647200000000) came from two branches, and each content_type check must take
// both (ContentTypes17647500000000). Real PostgreSQL, Redis, workers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { interviewFields, type InterviewDraft } from '@unlinked/client';
import { ContentType } from '@unlinked/db/anonymous';
import { ArcHolder, Author, openCompany, waitFor, type TestCompany } from '../support/forum-client.js';
import { salaryDraft, submitSalary } from '../support/salary-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';

const CREATE_INTERVIEW = /* GraphQL */ `
  mutation CreateInterview($input: CreateInterviewInput!, $token: String) {
    createInterview(input: $input, token: $token) {
      id
      status
    }
  }
`;

/** The tables whose content_type names a kind of anonymous content. */
const CONTENT_TYPE_TABLES = ['publication_outbox', 'moderation_items', 'pending_revisions'];

describe('content types (fresh database, real PostgreSQL, Redis, workers)', () => {
  let api: TestApi;
  let alibaba: TestCompany;
  let tencent: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' });
    [alibaba, tencent] = await Promise.all([openCompany(api, 'alibaba'), openCompany(api, 'tencent')]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists every content type in every content_type check', async () => {
    const checks = (await api.dataSource.query(
      `SELECT conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conname = conrelid::regclass::text || '_content_type_check' ORDER BY 1`,
    )) as { table: string; def: string }[];
    expect(checks.map((c) => c.table)).toEqual([...CONTENT_TYPE_TABLES].sort());
    for (const { table, def } of checks) {
      const allowed = [...def.matchAll(/'(\w+)'::text/g)].map((m) => m[1]).sort();
      expect([table, allowed]).toEqual([table, Object.values(ContentType).sort()]);
    }
  });

  it('screens and publishes a salary report and an interview review', async () => {
    const salary = await submitSalary(api, new ArcHolder(api, alibaba), salaryDraft());
    expect(salary.errors).toBeUndefined();
    const draft: InterviewDraft = {
      jobTitle: 'Backend Engineer',
      month: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7),
      source: 'Referral',
      difficulty: 3,
      experience: 'Neutral',
      outcome: 'Waiting',
      processLength: 'OneToTwoWeeks',
      stages: 'A phone screen and two technical rounds.',
      questions: ['How would you page through a large table?'],
      showCompany: false,
    };
    const holder = new ArcHolder(api, tencent);
    const author = new Author();
    const interview = await api.gql<{ createInterview: { id: string; status: string } }>(CREATE_INTERVIEW, {
      input: {
        companySlug: alibaba.slug,
        candidateCompanySlug: tencent.slug,
        ...draft,
        authorKey: author.publicKey,
        signature: author.sign('create-interview', interviewFields(alibaba.slug, tencent.slug, draft)),
      },
      token: holder.interview(alibaba),
    });
    expect(interview.errors).toBeUndefined();

    const ids = [salary.data!.createSalaryReport.id, interview.data!.createInterview.id];
    const states = async () =>
      (await api.dataSource.query(
        `SELECT m.content_type AS type, m.state, c.status FROM moderation_items m
         JOIN (SELECT id, status FROM salary_reports UNION ALL SELECT id, status FROM interviews) c ON c.id = m.content_id
         WHERE m.content_id = ANY($1::uuid[]) ORDER BY 1`,
        [ids],
      )) as { type: string; state: string; status: string }[];
    await waitFor(
      async () => (await states()).filter((s) => s.state === 'published' && s.status === 'published').length === 2,
      LONG_WAIT_MS,
      'the salary report and the interview review to be screened and published',
    );
    expect(await states()).toEqual([
      { type: 'interview', state: 'published', status: 'published' },
      { type: 'salary', state: 'published', status: 'published' },
    ]);
    // Both went through the outbox, which keeps no row once the content is published.
    const [{ n }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM publication_outbox WHERE content_id = ANY($1::uuid[])`,
      [ids],
    )) as { n: number }[];
    expect(n).toBe(0);
  });
});
