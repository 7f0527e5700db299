import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedIssuerKey, pendingIssuance, tokenQuota, Transport, type PendingRequest } from '@unlinked/client';
import { Client, MEDIA_TYPES } from '@unlinked/privacy-pass';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { buildCli, runCli } from './support/cli.js';
import { waitPublished } from './support/flow.js';
import { ArcHolder } from '../support/forum-client.js';
import { salaryDraft, submitSalary } from '../support/salary-client.js';
import { until } from '../support/until.js';
import { LONG_WAIT_MS } from '../support/timing.js';

/** The CLI against the real API, PostgreSQL, Redis, workers and SMTP. */
describe('cli: verify, fetch tokens and credentials, post, reply, vote, flag, review, interview, read', () => {
  let api: TestApi;
  const smtp = new SmtpSink();
  let dir: string;
  let env: Record<string, string>;
  let company: { slug: string; domain: string };
  const email = () => `cli.user@${company.domain}`;
  let threadId: string;

  beforeAll(async () => {
    buildCli();
    await smtp.start();
    api = await startTestApi({
      RUN_WORKERS: 'true',
      SMTP_URL: smtp.url,
      BOARD_MIN_VERIFIED: '1',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      POST_TOKEN_QUOTA: '5',
    });
    const res = await api.gql<{ companies: { edges: { node: { slug: string; domains: string[] } }[] } }>(
      'query { companies(first: 5, search: "e") { edges { node { slug domains } } } }',
    );
    const node = res.data!.companies.edges.find((e) => e.node.domains.length > 0)!.node;
    company = { slug: node.slug, domain: node.domains[0] };
    dir = mkdtempSync(join(tmpdir(), 'unlinked-cli-'));
    // Tokens spendable at once (the default is a random 15-120 minutes); the maturity test sets a real delay.
    env = {
      UNLINKED_API: api.url,
      UNLINKED_WALLET: join(dir, 'wallet', 'wallet.json'),
      UNLINKED_TOKEN_MATURITY_MINUTES: '0',
    };
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an address, prompting for the code from the mail', async () => {
    const run = await runCli(['verify', email()], env, {
      prompt: 'Code:',
      answer: () => smtp.codeFor(email()),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Verified:');
    expect(statSync(env.UNLINKED_WALLET).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'wallet')).mode & 0o777).toBe(0o700);
    expect(readFileSync(env.UNLINKED_WALLET, 'utf8')).not.toContain('cli.user@');
  });

  it('fetches tokens and the ARC credentials, and shows the wallet', async () => {
    const fetched = await runCli(['fetch', '--kind', 'post'], env);
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toContain('post: fetched 5 tokens');
    // One credential per live period key (this period's and the last one's).
    expect(fetched.stdout).toContain('credentials: 2 new (2 held)');
    const wallet = await runCli(['wallet'], env);
    expect(wallet.code).toBe(0);
    expect(wallet.stdout).toMatch(/post\s+held\s+5\s+left to fetch 0\/5/);
    expect(wallet.stdout).toMatch(/post .*key check: ok/);
    expect(wallet.stdout).toMatch(/credentials held 2 \(periods \d+, \d+\)/);
    const again = await runCli(['fetch', '--kind', 'post'], env);
    expect(again.stdout).toContain('post: fetched 0 tokens');
    expect(again.stdout).toContain('credentials: 0 new (2 held)');
  });

  it('finishes a token batch a stopped fetch left in the wallet file: charged once, nothing lost (issue 13)', async () => {
    const other = { ...env, UNLINKED_WALLET: join(dir, 'interrupted', 'wallet.json') };
    const address = `cli.interrupted@${company.domain}`;
    const verified = await runCli(['verify', address], other, { prompt: 'Code:', answer: () => smtp.codeFor(address) });
    expect(verified.code).toBe(0);
    const file = JSON.parse(readFileSync(other.UNLINKED_WALLET, 'utf8')) as { session: { token: string } };
    const session = file.session.token;
    // What `fetch` does until the answer is lost: check the key, keep the request in the file, send it (charged).
    const http = new Transport({ baseUrl: api.url });
    const check = await checkedIssuerKey(company.slug, 'post', http);
    const { request, state } = new Client().createBatchedTokenRequest(check.challenge, check.publicKey, 3);
    const [quota] = await tokenQuota(session, http);
    const fields = { company: company.slug, kind: 'post' as const, epoch: quota.epoch, keyId: check.keyId };
    const pending = pendingIssuance({ ...fields, matureAt: new Date().toISOString() }, request, state);
    writeFileSync(other.UNLINKED_WALLET, JSON.stringify({ ...file, pendingIssuances: [pending] }));
    const sent = await fetch(`${api.url}/privacy-pass/${company.slug}/post/token-request`, {
      method: 'POST',
      headers: {
        'content-type': MEDIA_TYPES.batchedTokenRequest,
        authorization: `Bearer ${session}`,
        'idempotency-key': pending.id,
      },
      body: Buffer.from(request.serialize()),
    });
    expect(sent.status).toBe(200);
    expect((await tokenQuota(session, http))[0].remaining).toBe(2);

    // The next fetch sends the kept request again (not charged again), then the rest: the whole quota of 5.
    const fetched = await runCli(['fetch', '--kind', 'post'], other);
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toContain('post: fetched 5 tokens');
    const after = JSON.parse(readFileSync(other.UNLINKED_WALLET, 'utf8')) as {
      tokens: { token: string }[];
      pendingIssuances: PendingRequest[];
    };
    expect(after.pendingIssuances).toEqual([]);
    expect(new Set(after.tokens.map((t) => t.token)).size).toBe(5);
    expect((await tokenQuota(session, http))[0].remaining).toBe(0);
  });

  it('posts a thread, reads the board, replies as the OP', async () => {
    const post = await runCli(
      ['post', '--company', company.slug, '--title', 'CLI thread', '--body', 'Posted from the terminal.'],
      env,
    );
    expect(post.code).toBe(0);
    const id = /Thread ([0-9a-f-]{36}): Pending/.exec(post.stdout)![1];
    await waitPublished(api, id);
    const read = await runCli(['read', '--company', company.slug], env);
    expect(read.stdout).toContain(`${id}  CLI thread`);
    const reply = await runCli(['reply', id, '--body', 'And a follow-up.'], env);
    expect(reply.code).toBe(0);
    const replyId = /Reply ([0-9a-f-]{36})/.exec(reply.stdout)![1];
    await waitPublished(api, replyId);
    const thread = await runCli(['thread', id], env);
    expect(thread.stdout).toMatch(/\[OP\]: And a follow-up\./);
    const wallet = JSON.parse(readFileSync(env.UNLINKED_WALLET, 'utf8')) as { tokens: { kind: string }[] };
    expect(wallet.tokens.filter((t) => t.kind === 'post')).toHaveLength(3);
    threadId = id;
  });

  it('exports the author keys to an encrypted file and imports them into another wallet', async () => {
    const file = join(dir, 'keys.json');
    const pass = { UNLINKED_PASSPHRASE: 'plum kettle harbour 7' };
    const saved = await runCli(['export-keys', '--out', file], { ...env, ...pass });
    expect([saved.code, saved.stderr]).toEqual([0, '']);
    expect(saved.stdout).toContain('Saved the keys of 2 posts');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = readFileSync(file, 'utf8');
    const mine = JSON.parse(readFileSync(env.UNLINKED_WALLET, 'utf8')) as {
      posts: { id: string; secretKey: string }[];
    };
    for (const p of mine.posts) {
      expect(sealed).not.toContain(p.id);
      expect(sealed).not.toContain(p.secretKey);
    }
    const other = { ...env, UNLINKED_WALLET: join(dir, 'other', 'wallet.json') };
    const wrong = await runCli(['import-keys', file], { ...other, UNLINKED_PASSPHRASE: 'plum kettle harbour 8' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('KEY_EXPORT_WRONG_PASSPHRASE: that passphrase does not open this file');
    const opened = await runCli(['import-keys', file], { ...other, ...pass });
    expect([opened.code, opened.stderr]).toEqual([0, '']);
    expect(opened.stdout).toContain('Opened: 2 posts in the file, 2 new in this wallet.');
    const imported = JSON.parse(readFileSync(other.UNLINKED_WALLET, 'utf8')) as { posts: { id: string }[] };
    expect(imported.posts.map((p) => p.id).sort()).toEqual(mine.posts.map((p) => p.id).sort());
  });

  it('votes and flags once per item; a second one is refused in plain words and changes nothing', async () => {
    const vote = await runCli(['vote', 'thread', threadId], env);
    expect(vote.stderr).toBe('');
    expect(vote.stdout).toContain('Voted helpful; score 1. Votes are final.');
    const again = await runCli(['vote', 'thread', threadId, '--down'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error ALREADY_VOTED: You have already voted on this.');
    const [{ score }] = (await api.dataSource.query(`SELECT score FROM threads WHERE id = $1`, [threadId])) as {
      score: number;
    }[];
    expect(score).toBe(1);
    const flag = await runCli(['flag', 'thread', threadId, '--reason', 'off_topic'], env);
    expect(flag.stderr).toBe('');
    expect(flag.stdout).toContain('Reported.');
    const twice = await runCli(['flag', 'thread', threadId, '--reason', 'spam'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('error ALREADY_FLAGGED: You have already reported this.');
    const held = JSON.parse(readFileSync(env.UNLINKED_WALLET, 'utf8')) as { arcMarks: { key: string }[] };
    expect(held.arcMarks.map((m) => m.key).sort()).toEqual([`flag:thread:${threadId}`, `vote:thread:${threadId}`]);
  });

  it('writes one review per period with the ARC credential, every rating and choice asked for (none copied or preset)', async () => {
    const fields = {
      '--overall': '4',
      '--culture': '5',
      '--work-life': '2',
      '--senior-management': '3',
      '--compensation': '4',
      '--career': '1',
      '--diversity': '5',
      '--ceo': 'disapprove',
      '--outlook': 'positive',
      '--recommend': 'no',
      '--employment': 'former',
      '--tenure': '3-5',
      '--cons': 'Code reviews can take a week.',
    };
    const review = (pros: string, without?: string) =>
      runCli(
        [
          'review',
          '--company',
          company.slug,
          ...Object.entries(fields).flatMap(([flag, value]) => (flag === without ? [] : [flag, value])),
          '--pros',
          pros,
        ],
        env,
      );
    // Each rating and choice is required: leaving one out is a usage error, not a default.
    for (const flag of ['--culture', '--ceo', '--outlook', '--recommend', '--employment']) {
      const missing = await review('A good team that ships often.', flag);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`missing ${flag}`);
    }
    // Refused input spends nothing: the review that follows is still accepted.
    const refused = await review('Good team');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TEXT_TOO_SHORT');
    const run = await review('A good team that ships often.');
    expect(run.stderr).toBe('');
    const id = /Review ([0-9a-f-]{36}): Pending/.exec(run.stdout)![1];
    await waitPublished(api, id);
    const stored = await api.gql<{ reviews: { edges: { node: Record<string, unknown> }[] } }>(
      `query($s: String!) { reviews(companySlug: $s, first: 5) { edges { node {
        id overall culture workLife seniorManagement compensation career diversity
        ceoApproval outlook recommend employment tenure } } } }`,
      { s: company.slug },
    );
    expect(stored.data!.reviews.edges.find((e) => e.node.id === id)?.node).toEqual({
      id,
      overall: 4,
      culture: 5,
      workLife: 2,
      seniorManagement: 3,
      compensation: 4,
      career: 1,
      diversity: 5,
      ceoApproval: 'Disapprove',
      outlook: 'Positive',
      recommend: false,
      employment: 'Former',
      tenure: 'ThreeToFiveYears',
    });
    const second = await review('Another review in the same period.');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('error ALREADY_REVIEWED: You have already reviewed your company in this period.');
  });

  it('reports a salary once per period with every field asked for, and prints only group aggregates', async () => {
    const fields: Record<string, string> = {
      '--job-title': 'Data Scientist',
      '--level': 'P7',
      '--city': 'Hangzhou',
      '--experience': '5-10',
      '--tenure': '1-3',
      '--employment-type': 'full-time',
      '--currency': 'CNY',
      '--base': '500,000',
      '--bonus': '100000',
      '--stock': '200000',
    };
    const salary = (over: Record<string, string | null> = {}) =>
      runCli(
        [
          'salary',
          '--company',
          company.slug,
          ...Object.entries({ ...fields, ...over }).flatMap(([flag, value]) => (value === null ? [] : [flag, value])),
        ],
        env,
      );
    // Every field but level and sign-on is required: leaving one out is a usage error, not a default.
    for (const flag of [
      '--job-title',
      '--city',
      '--experience',
      '--tenure',
      '--employment-type',
      '--currency',
      '--base',
      '--bonus',
      '--stock',
    ]) {
      const missing = await salary({ [flag]: null });
      expect([flag, missing.code]).toEqual([flag, 2]);
      expect(missing.stderr).toContain(`missing ${flag}`);
    }
    expect((await salary({ '--experience': 'forever' })).stderr).toContain('--experience must be one of lt1');
    // Refused by the server: nothing spent, the report that follows is accepted.
    const refused = await salary({ '--currency': 'ZZZ' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error CURRENCY_UNKNOWN');
    const run = await salary();
    expect(run.stderr).toBe('');
    const id = /Salary report ([0-9a-f-]{36}): Pending/.exec(run.stdout)![1];
    await waitPublished(api, id);
    const second = await salary({ '--base': '900000' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      'error ALREADY_REPORTED_SALARY: You have already reported a salary at this company',
    );

    const listed = await runCli(['salaries', '--company', company.slug], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Data Scientist [CNY]  1 reports: not enough reports yet (5 needed)');
    expect(listed.stdout).not.toMatch(/500,000|800,000/);
    const { id: companyId } = (
      (await api.dataSource.query(`SELECT id FROM companies WHERE slug = $1`, [company.slug])) as { id: string }[]
    )[0];
    for (const base of [400_000, 450_000, 550_000, 600_000]) {
      const res = await submitSalary(
        api,
        new ArcHolder(api, { id: companyId, slug: company.slug }),
        salaryDraft({
          jobTitle: 'data scientist',
          level: 'P8',
          city: 'Hangzhou',
          basePay: base,
          bonus: 100_000,
          stock: 200_000,
        }),
      );
      await waitPublished(api, res.data!.createSalaryReport.id);
    }
    const shown = await runCli(['salaries', '--company', company.slug], env);
    expect(shown.stdout).toContain('Data Scientist [CNY]  5 reports: total CN¥800,000 (CN¥750,000–CN¥850,000)');
    expect(shown.stdout).toContain('  Hangzhou  5 reports');
    expect(shown.stdout).not.toContain('level P7');
  });

  it('refuses a write until the fresh tokens matured, saying from when, then sends it; fetch --count is gone', async () => {
    const fresh = {
      ...env,
      UNLINKED_WALLET: join(dir, 'fresh', 'wallet.json'),
      UNLINKED_TOKEN_MATURITY_MINUTES: '0.1', // 6 s: real, and short enough to wait for
    };
    const address = `cli.fresh@${company.domain}`;
    const verified = await runCli(['verify', address], fresh, { prompt: 'Code:', answer: () => smtp.codeFor(address) });
    expect(verified.code).toBe(0);
    const count = await runCli(['fetch', '--count', '1'], fresh);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('--count was removed');
    const fetched = await runCli(['fetch'], fresh);
    const fetchedAt = Date.now();
    const spendable = /post: fetched 5 tokens, spendable from (\S+)/.exec(fetched.stdout)![1];
    expect(Date.parse(spendable) - fetchedAt).toBeGreaterThan(0);
    expect(Date.parse(spendable) - fetchedAt).toBeLessThanOrEqual(6_000);
    const post = () =>
      runCli(['post', '--company', company.slug, '--title', 'Matured', '--body', 'Sent after the wait.'], fresh);
    const early = await post();
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`error NOT_MATURE: Nothing in the wallet is ready yet`);
    expect(early.stderr).toContain(`It can be sent from ${spendable}.`);
    // Nothing was spent or sent: the wallet still holds all five.
    const held = JSON.parse(readFileSync(fresh.UNLINKED_WALLET, 'utf8')) as { tokens: unknown[] };
    expect(held.tokens).toHaveLength(5);
    // The vote path (ARC credential of the same fetch) waits the same way.
    const vote = await runCli(['vote', 'thread', threadId], fresh);
    expect(vote.code).toBe(1);
    expect(vote.stderr).toContain('error NOT_MATURE');
    const sent = await until(
      async () => {
        const run = await post();
        return run.code === 0 ? { run, at: Date.now() } : undefined;
      },
      LONG_WAIT_MS,
      'the fresh tokens to mature',
    );
    expect(sent.at).toBeGreaterThanOrEqual(Date.parse(spendable));
    const id = /Thread ([0-9a-f-]{36}): Pending/.exec(sent.run.stdout)![1];
    await waitPublished(api, id);
  });

  it('writes one interview review of another company per period, every answer asked for', async () => {
    const target = await api.gql<{ company: { id: string; slug: string } }>(
      'query { company(slug: "baidu") { id slug } }',
    );
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    const fields: Record<string, string> = {
      '--company': target.data!.company.slug,
      '--job-title': '后端工程师',
      '--month': month,
      '--source': 'campus',
      '--difficulty': '3',
      '--experience': 'negative',
      '--outcome': 'no-offer',
      '--process-length': '1-2m',
      '--stages': 'Online test, two technical interviews, an HR interview.',
    };
    const interview = (without?: string, extra: string[] = []) =>
      runCli(
        [
          'interview',
          ...Object.entries(fields).flatMap(([flag, value]) => (flag === without ? [] : [flag, value])),
          '--question',
          '手写快速排序',
          '--question',
          'How would you shard a message queue?',
          ...extra,
        ],
        env,
      );
    // Every answer is required: leaving one out is a usage error naming it, never a default.
    for (const flag of Object.keys(fields)) {
      const missing = await interview(flag);
      expect([flag, missing.code]).toEqual([flag, 2]);
      expect(missing.stderr).toContain(`missing ${flag}`);
    }
    const wrong = await interview(undefined, ['--difficulty', '9']);
    expect(wrong.code).toBe(2);
    // Refused by the server (a month in the future): named, and nothing spent.
    fields['--month'] = '2999-01';
    const future = await interview();
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('INTERVIEW_MONTH_INVALID');
    fields['--month'] = month;
    const run = await interview(undefined, ['--show-company']);
    expect(run.stderr).toBe('');
    const id = /Interview ([0-9a-f-]{36}): Pending/.exec(run.stdout)![1];
    await waitPublished(api, id);
    const stored = await api.gql<{ interviews: { edges: { node: Record<string, unknown> }[] } }>(
      `query { interviews(companySlug: "baidu", first: 5) { edges { node {
        id jobTitle jobTitleKey month source difficulty experience outcome processLength questions
        candidateCompany { slug } } } } }`,
    );
    expect(stored.data!.interviews.edges.find((e) => e.node.id === id)?.node).toEqual({
      id,
      jobTitle: 'Backend Engineer',
      jobTitleKey: 'backend-engineer',
      month,
      source: 'Campus',
      difficulty: 3,
      experience: 'Negative',
      outcome: 'NoOffer',
      processLength: 'OneToTwoMonths',
      questions: ['手写快速排序', 'How would you shard a message queue?'],
      candidateCompany: { slug: company.slug },
    });
    const second = await interview();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      'error ALREADY_INTERVIEW_REVIEWED: You have already written an interview review of this company in this period.',
    );
  });

  it('explains server errors with their code and refuses a wallet others can read', async () => {
    const none = await runCli(['post', '--company', company.slug, '--title', 'x', '--body', 'y'], {
      ...env,
      UNLINKED_WALLET: join(dir, 'empty.json'),
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('NO_TOKENS');
    const open = join(dir, 'open.json');
    writeFileSync(open, '{}');
    chmodSync(open, 0o644);
    const refused = await runCli(['wallet'], { ...env, UNLINKED_WALLET: open });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('readable by others');
  });
});
