/**
 * npm run build && npm run bench:salaries [-- --reports 1000000 --duration 8]
 *
 * Seeds a scratch PostgreSQL database with --reports published salary reports
 * (INSERT ... SELECT generate_series over the seeded companies, the listed
 * titles, four levels and three cities), builds salary_groups with the API's
 * own recomputation (SalaryGroupsRepository.recompute, one (company, title,
 * currency) at a time, as publication does), then measures at 50 connections:
 *   - a company's Salaries tab (GraphQL `salaryGroups` with its breakdown) and
 *     the lookup (`salaryLookup`) through the built API,
 *   - the same SQL from a bare Fastify + pg handler (SalaryGroupsRepository on a pg pool),
 *   - and, for scale, computing a company's title percentiles from salary_reports on every read;
 * plus the time of one recomputation (what a publication adds) on the largest group.
 */
import { parseArgs } from 'node:util';
import { JOB_TITLES, SalaryGroupsRepository, SalaryLookupSort, SalarySort } from '@unlinked/forum';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { startBuiltApi } from './support/built-api.js';

const { values: opts } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '8' },
  },
});
const REPORTS = Number(opts.reports);
const DURATION = Number(opts.duration);
const K = 5;
const BASE_PORT = 41000 + Math.floor(Math.random() * 1000);

const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(options: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections: 50, duration: DURATION, ...options });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const GROUPS_Q = `query($slug: String!) { salaryGroups(companySlug: $slug, first: 20) { edges { node {
  titleKey jobTitle currency reportCount visible total { p25 median p75 } base { median } bonus { median } stock { median }
  breakdown { scope level city reportCount total { p25 median p75 } } } } pageInfo { endCursor } } }`;
const LOOKUP_Q = `query($t: String!, $l: String, $c: String) { salaryLookup(jobTitle: $t, level: $l, city: $c, first: 20) {
  edges { node { company { name } scope reportCount total { p25 median p75 } } } } }`;

/**
 * What the company tab shows (each title, its levels and its cities: count and percentiles of total and each part),
 * computed from the reports on every read: what the aggregates table avoids.
 */
const PER_READ_SQL = `SELECT title_key, currency, level_key, city_key, count(*)::int AS n,
  ${['base_pay + bonus + stock', 'base_pay', 'bonus', 'stock']
    .map((e, i) => `percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY ${e}) AS p${i}`)
    .join(', ')}
  FROM salary_reports WHERE company_id = $1 AND status = 'published'
  GROUP BY GROUPING SETS ((title_key, currency), (title_key, currency, level_key), (title_key, currency, city_key))
  HAVING count(*) >= ${K}`;

async function main(): Promise<void> {
  const api = await startBuiltApi({ SALARY_MIN_REPORTS: String(K), SEED_DEMO_SALARIES: 'false' });
  const url = `postgres://${api.db.user}@${api.db.host}:${api.db.port}/${api.db.database}`;
  const bare = new pg.Pool({ connectionString: url, max: 20 });
  const viaPool = { query: (sql: string, params?: unknown[]) => bare.query(sql, params).then((r) => r.rows) };
  const repo = new SalaryGroupsRepository(viaPool as unknown as DataSource);
  const baseline = Fastify({ logger: false });
  try {
    const titles = JOB_TITLES.map((t) => t.key);
    log(`seeding ${REPORTS} salary reports`);
    const t0 = Date.now();
    const step = 250_000;
    for (let start = 0; start < REPORTS; start += step) {
      await api.db.query(
        `INSERT INTO salary_reports (company_id, author_key, job_title, title_key, level, level_key, city, city_key,
           experience, tenure, employment_type, currency, base_pay, bonus, stock, sign_on, status, created_at, published_seq)
         SELECT c.ids[1 + (i % array_length(c.ids, 1))], decode(md5(i::text) || md5((i + 1)::text), 'hex'),
           t.k[1 + (i / 7) % array_length(t.k, 1)], t.k[1 + (i / 7) % array_length(t.k, 1)],
           'L' || (i / 3) % 4, 'l' || (i / 3) % 4, (ARRAY['Beijing','Shanghai','Hangzhou'])[1 + (i / 11) % 3],
           (ARRAY['beijing','shanghai','hangzhou'])[1 + (i / 11) % 3], '3to5', '1to3', 'full_time', 'CNY',
           200000 + (i::bigint * 7919) % 600000, (i::bigint * 104729) % 150000, (i::bigint * 1299709) % 300000,
           CASE WHEN i % 5 = 0 THEN 50000 END, 'published', date_trunc('hour', now()), nextval('publication_seq')
         FROM generate_series($1::int, $2::int) i, (SELECT array_agg(id ORDER BY slug) ids FROM companies) c,
           (SELECT $3::text[] AS k) t`,
        [start, Math.min(REPORTS, start + step) - 1, titles],
      );
      log(`seeded ${Math.min(REPORTS, start + step)} / ${REPORTS}`);
    }
    await api.db.query(`ANALYZE salary_reports`);
    const keys = (await api.db.query(`SELECT DISTINCT company_id, title_key, currency FROM salary_reports`)).rows as {
      company_id: string;
      title_key: string;
      currency: string;
    }[];
    log(`recomputing ${keys.length} (company, title, currency) groups`);
    // One connection, one transaction per recomputation: as publication runs it.
    const one = await bare.connect();
    const manager = {
      query: (q: string, p?: unknown[]) => one.query(q, p).then((r) => r.rows),
    } as unknown as EntityManager;
    const recompute = async (key: (typeof keys)[number]) => {
      await one.query('BEGIN');
      await repo.recompute(manager, key, K);
      await one.query('COMMIT');
    };
    for (const key of keys) await recompute(key);
    await api.db.query(`ANALYZE salary_groups`);
    log(`seeded and aggregated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const [company] = (
      await api.db.query(
        `SELECT c.id, c.slug FROM companies c JOIN salary_reports s ON s.company_id = c.id
         GROUP BY c.id, c.slug ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows as { id: string; slug: string }[];
    const [big] = (
      await api.db.query(
        `SELECT company_id, title_key, currency, report_count FROM salary_groups WHERE scope = 'title'
         ORDER BY report_count DESC LIMIT 1`,
      )
    ).rows as { company_id: string; title_key: string; currency: string; report_count: number }[];
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await recompute(big);
      times.push(performance.now() - s);
    }
    one.release();
    times.sort((a, b) => a - b);

    baseline.get('/groups/:id', async (req) => {
      const id = (req.params as { id: string }).id;
      const rows = await repo.titles(id, undefined, SalarySort.Reports, null, 21, K);
      return { rows, breakdown: await repo.breakdown(id, rows.slice(0, 20), K) };
    });
    baseline.get('/lookup', () =>
      repo.lookup(
        { titleKey: 'software-engineer', levelKey: 'l2', cityKey: 'hangzhou', currency: null },
        SalaryLookupSort.MedianTotal,
        null,
        21,
        K,
      ),
    );
    baseline.get(
      '/per-read/:id',
      async (req) => (await bare.query(PER_READ_SQL, [(req.params as { id: string }).id])).rows,
    );
    await baseline.listen({ port: BASE_PORT, host: '127.0.0.1' });
    const gql = (query: string, variables: Record<string, unknown>): autocannon.Options => ({
      url: `${api.base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const probe = await api.gql(GROUPS_Q, { slug: company.slug });
    if (probe.errors) throw new Error(JSON.stringify(probe.errors));
    const results: [string, Result][] = [];
    log('API salaryGroups');
    results.push(['API salaryGroups (company tab)', await cannon(gql(GROUPS_Q, { slug: company.slug }))]);
    log('bare salaryGroups SQL');
    results.push(['Fastify+pg, same SQL', await cannon({ url: `http://127.0.0.1:${BASE_PORT}/groups/${company.id}` })]);
    log('API salaryLookup');
    results.push(['API salaryLookup', await cannon(gql(LOOKUP_Q, { t: 'Software Engineer', l: 'L2', c: 'Hangzhou' }))]);
    log('bare lookup SQL');
    results.push(['Fastify+pg, same SQL', await cannon({ url: `http://127.0.0.1:${BASE_PORT}/lookup` })]);
    log('same figures computed per read');
    results.push([
      'Fastify+pg, same figures per read',
      await cannon({ url: `http://127.0.0.1:${BASE_PORT}/per-read/${company.id}` }),
    ]);

    console.log(
      `\nSalary aggregates at ${REPORTS} reports (${keys.length} title groups; 50 connections, ${DURATION} s each)`,
    );
    console.log('query                              | req/s | p50 ms | p99 ms | errors');
    for (const [name, r] of results) {
      console.log(
        `${name.padEnd(34)} | ${String(r.rps).padStart(5)} | ${String(r.p50).padStart(6)} | ${String(r.p99).padStart(6)} | ${r.errors}`,
      );
    }
    console.log(
      `\nOne recomputation (publication's extra work) of the largest title group (${big.report_count} reports): p50 ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms`,
    );
  } finally {
    await baseline.close();
    await bare.end();
    await api.close();
  }
}

await main();
