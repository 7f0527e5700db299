/**
 * npm run bench:boards [-- --rows 1000000 --small 10000 --duration 8 --posts 1000]
 *
 * Seeds a dedicated PostgreSQL database with threads and replies (INSERT ...
 * SELECT generate_series), boots the built API against it, and measures with
 * autocannon at 50 connections:
 *   - board threads (GraphQL `threads`) and company page (`company { reviewStats }` + `reviews`),
 *     beside a minimal Fastify + pg handler running the same SQL (ratio);
 *   - both at --small rows and at --rows rows (keyset pagination keeps them flat);
 *   - posts/s end to end (createThread with token verification, signature, outbox).
 * Needs `npx nest build api` (run automatically when dist is missing).
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlEncode, Client, deriveTokenKeyPair, Issuer, TokenChallenge } from '../libs/privacy-pass/src/index.js';
import { signAuthorship } from '@unlinked/forum';
import { issuerNameFor, originNameOf, TokenKind } from '@unlinked/platform';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '8' },
    posts: { type: 'string', default: '1000' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const ROWS = Number(opts.rows);
const SMALL = Number(opts.small);
const DURATION = Number(opts.duration);
const POSTS = Number(opts.posts);
const API_PORT = 3950 + Math.floor(Math.random() * 40);
const BASE_PORT = API_PORT + 50;
const DB = `unlinked_bench_${randomBytes(3).toString('hex')}`;
const SEED = randomBytes(32);
const EPOCH_DAYS = 30;

const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

// The same SQL the API runs for these two pages (libs/forum/src/forum-read.service.ts).
const BOARD_SQL = `SELECT t.id, t.company_id, t.board_slug, t.title, t.body, t.author_key, t.created_at,
  t.last_activity_at, t.edited_at, t.revision, t.reply_count, t.score, t.published_seq, c.slug AS company_slug, c.name AS company_name
  FROM threads t JOIN companies c ON c.id = t.company_id
  WHERE t.company_id = $1 AND t.board_slug IS NULL AND t.status = 'published'
  ORDER BY t.published_seq DESC, t.id DESC LIMIT 21`;
const PAGE_SQL = [
  `SELECT id, slug, name FROM companies WHERE slug = $1`,
  `SELECT * FROM company_review_stats WHERE company_id = $1`,
  `SELECT r.*, c.slug AS company_slug, c.name AS company_name FROM reviews r JOIN companies c ON c.id = r.company_id
   WHERE r.company_id = $1 AND r.status = 'published' ORDER BY r.published_seq DESC, r.id DESC LIMIT 21`,
];

async function seed(db: pg.Client, from: number, to: number): Promise<void> {
  const step = 200_000;
  for (let start = from; start < to; start += step) {
    const end = Math.min(to, start + step) - 1;
    const threads = Math.ceil((end - start + 1) / 2);
    // Half threads (spread over companies and boards), half replies to existing threads.
    await db.query(
      `INSERT INTO threads (company_id, board_slug, title, body, author_key, status, created_at, last_activity_at, reply_count, score,
         published_seq)
       SELECT c.ids[1 + (i % array_length(c.ids, 1))],
              CASE WHEN i % 5 = 0 THEN (ARRAY['career','compensation','layoffs','industry'])[1 + (i / 5) % 4] END,
              'Thread ' || i, 'Body of thread ' || i || ' 加班 overtime',
              decode(md5(i::text) || md5((i + 1)::text), 'hex'), 'published',
              date_trunc('hour', now()) - ((i % 20000) || ' hours')::interval,
              date_trunc('hour', now()) - ((i % 10000) || ' hours')::interval, i % 17, i % 101 - 20,
              nextval('publication_seq')
       FROM generate_series($1::int, $2::int) i, (SELECT array_agg(id ORDER BY slug) ids FROM companies) c`,
      [start, start + threads - 1],
    );
    await db.query(
      `INSERT INTO replies (thread_id, company_id, body, author_key, status, created_at, published_seq)
       SELECT t.id, t.company_id, 'Reply ' || g, decode(md5(g::text) || md5((g + 7)::text), 'hex'), 'published', t.created_at,
              nextval('publication_seq')
       FROM (SELECT id, company_id, created_at FROM threads ORDER BY random() LIMIT $1) t,
            LATERAL (SELECT $2::int + (random() * 1e9)::int AS g) x`,
      [end - start + 1 - threads, start],
    );
    log(`seeded ${end + 1} / ${to} rows`);
  }
  await db.query(`ANALYZE threads; ANALYZE replies`);
}

async function seedReviews(db: pg.Client, count: number): Promise<void> {
  await db.query(
    `INSERT INTO reviews (company_id, author_key, overall, culture, work_life, senior_management, compensation, career,
       diversity, ceo_approval, recommend, outlook, employment, pros, cons, status, created_at, published_seq)
     SELECT c.ids[1 + (i % array_length(c.ids, 1))], decode(md5(i::text) || md5((i + 3)::text), 'hex'),
       1 + i % 5, 1 + i % 4, 1 + i % 3, 2, 3, 4, 5, 'approve', i % 2 = 0, 'neutral', 'current',
       'Pros text long enough ' || i, 'Cons text long enough ' || i, 'published',
       date_trunc('hour', now()) - ((i % 5000) || ' hours')::interval, nextval('publication_seq')
     FROM generate_series(1, $1::int) i, (SELECT array_agg(id ORDER BY slug) ids FROM companies) c`,
    [count],
  );
  await db.query(`
    INSERT INTO company_review_stats (company_id, review_count, overall_sum)
    SELECT company_id, count(*), sum(overall) FROM reviews GROUP BY company_id
    ON CONFLICT (company_id) DO UPDATE SET review_count = EXCLUDED.review_count, overall_sum = EXCLUDED.overall_sum`);
  await db.query(`ANALYZE reviews`);
}

function startApi(dbUrl: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn('node', ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: dbUrl,
      PORT: String(API_PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DATA_DIR: dataDir,
      ISSUER_MASTER_SEED: SEED.toString('hex'),
      EMAIL_PEPPER: randomBytes(32).toString('hex'),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      EPOCH_DAYS: String(EPOCH_DAYS),
      BOARD_MIN_VERIFIED: '1',
      GRAPHQL_MAX_COST: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${API_PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ boards { slug } }' }),
        });
        if (res.ok) return resolve(child);
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) return reject(new Error('API did not start'));
      setTimeout(poll, 300);
    };
    void poll();
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(options: autocannon.Options): Promise<Result> {
  const r = await autocannon({
    connections: 50,
    duration: DURATION,
    ...options,
  });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

function gqlRequest(query: string, variables: Record<string, unknown>): autocannon.Options {
  return {
    url: `http://127.0.0.1:${API_PORT}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
}

const THREADS_Q = `query($slug: String!) { threads(companySlug: $slug, first: 20) { edges { node { id title authorHandle replyCount score createdAt company { name } } } pageInfo { endCursor } } }`;
const PAGE_Q = `query($slug: String!) { company(slug: $slug) { name reviewStats { reviewCount averageOverall } } reviews(companySlug: $slug, first: 20) { edges { node { id overall pros cons } } } }`;

async function measureReads(label: string, company: { id: string; slug: string }): Promise<Record<string, Result>> {
  const out: Record<string, Result> = {};
  log(`${label}: API board threads`);
  out['api board'] = await cannon(gqlRequest(THREADS_Q, { slug: company.slug }));
  log(`${label}: baseline board threads`);
  out['pg board'] = await cannon({
    url: `http://127.0.0.1:${BASE_PORT}/board/${company.id}`,
  });
  log(`${label}: API company page`);
  out['api page'] = await cannon(gqlRequest(PAGE_Q, { slug: company.slug }));
  log(`${label}: baseline company page`);
  out['pg page'] = await cannon({
    url: `http://127.0.0.1:${BASE_PORT}/page/${company.slug}`,
  });
  return out;
}

function printReads(label: string, r: Record<string, Result>): void {
  console.log(`\n${label}`);
  console.log('query        | API req/s | p50 ms | p99 ms | Fastify+pg req/s | p50 | p99 | API/baseline');
  for (const q of ['board', 'page']) {
    const a = r[`api ${q}`];
    const b = r[`pg ${q}`];
    console.log(
      `${q.padEnd(12)} | ${String(a.rps).padStart(9)} | ${String(a.p50).padStart(6)} | ${String(a.p99).padStart(6)} | ${String(b.rps).padStart(16)} | ${b.p50} | ${b.p99} | ${(a.rps / b.rps).toFixed(2)}  (errors ${a.errors}/${b.errors})`,
    );
  }
}

async function measurePosts(company: {
  id: string;
  slug: string;
}): Promise<Result & { total: number; seconds: number }> {
  const epoch = Math.floor(Date.now() / (EPOCH_DAYS * 86_400_000));
  const key = deriveTokenKeyPair(new Uint8Array(SEED), {
    companyId: company.id,
    kind: 'post',
    epoch,
  });
  // The API's challenge for this board (IssuerKeysService.challengeFor, issuer-names.ts).
  const origin = originNameOf(`http://127.0.0.1:${API_PORT}`);
  const challenge = new TokenChallenge({
    issuerName: issuerNameFor(origin, company.slug, TokenKind.Post),
    redemptionContext: new Uint8Array(0),
    originInfo: [origin],
  });
  const client = new Client();
  const issuer = new Issuer(key);
  log(`minting ${POSTS} tokens and signatures`);
  const bodies: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const token = base64urlEncode(client.finalize(issuer.evaluate(request), state).serialize());
    const secret = ed25519.utils.randomSecretKey();
    const title = `bench post ${i}`;
    const body = 'Posted by the benchmark.';
    const input = {
      companySlug: company.slug,
      title,
      body,
      authorKey: Buffer.from(ed25519.getPublicKey(secret)).toString('base64url'),
      signature: signAuthorship(secret, 'create-thread', [company.slug, '', title, body]),
    };
    bodies.push(
      JSON.stringify({
        query:
          'mutation($input: CreateThreadInput!, $token: String) { createThread(input: $input, token: $token) { id } }',
        variables: { input, token },
      }),
    );
  }
  let next = 0;
  const started = Date.now();
  const r = await autocannon({
    url: `http://127.0.0.1:${API_PORT}/graphql`,
    connections: 50,
    amount: POSTS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: bodies[next++ % bodies.length],
        }),
      },
    ],
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    rps: Math.round(POSTS / seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    total: POSTS,
    seconds,
  };
}

async function main(): Promise<void> {
  if (!existsSync('dist/apps/api/src/main.js')) {
    log('building the API');
    execSync('npx nest build api', { stdio: 'inherit' });
  }
  const admin = new pg.Client({ connectionString: opts.pg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const url = new URL(opts.pg);
  url.pathname = `/${DB}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'unlinked-bench-'));
  let api: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 20 });
  const baseline = Fastify({ logger: false });
  try {
    log(`database ${DB}; booting the API once to migrate and seed companies`);
    api = await startApi(url.toString(), dataDir);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    await db.query(`ALTER TABLE companies ADD COLUMN IF NOT EXISTS verified_members int NOT NULL DEFAULT 0`);
    await db.query(`UPDATE companies SET verified_members = 1000`);
    const [company] = (await db.query(`SELECT id, slug FROM companies ORDER BY slug LIMIT 1`)).rows as {
      id: string;
      slug: string;
    }[];

    baseline.get('/board/:id', async (req) => (await pool.query(BOARD_SQL, [(req.params as { id: string }).id])).rows);
    baseline.get('/page/:slug', async (req) => {
      const { rows } = await pool.query(PAGE_SQL[0], [(req.params as { slug: string }).slug]);
      const [stats, reviews] = await Promise.all([
        pool.query(PAGE_SQL[1], [rows[0].id]),
        pool.query(PAGE_SQL[2], [rows[0].id]),
      ]);
      return { company: rows[0], stats: stats.rows[0], reviews: reviews.rows };
    });
    await baseline.listen({ port: BASE_PORT, host: '127.0.0.1' });

    await seed(db, 0, SMALL);
    await seedReviews(db, Math.max(100, SMALL / 10));
    const small = await measureReads(`${SMALL} rows`, company);
    const t0 = Date.now();
    await seed(db, SMALL, ROWS);
    await seedReviews(db, Math.max(0, ROWS / 10 - SMALL / 10));
    log(`seeded to ${ROWS} rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const large = await measureReads(`${ROWS} rows`, company);
    const posts = await measurePosts(company);
    await db.end();

    printReads(`Reads at ${SMALL} threads+replies (50 connections, ${DURATION} s each)`, small);
    printReads(`Reads at ${ROWS} threads+replies`, large);
    console.log(
      `\nLatency change ${SMALL} → ${ROWS} rows: board p50 ${small['api board'].p50} → ${large['api board'].p50} ms, page p50 ${small['api page'].p50} → ${large['api page'].p50} ms`,
    );
    console.log(
      `\nPosts end to end (createThread: token verify + signature + spend + outbox): ${posts.total} posts in ${posts.seconds.toFixed(1)} s = ${posts.rps} posts/s, p50 ${posts.p50} ms, p99 ${posts.p99} ms, errors ${posts.errors}`,
    );
  } finally {
    await baseline.close();
    await pool.end();
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
