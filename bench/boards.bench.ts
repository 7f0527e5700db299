/**
 * npm run bench:boards [-- --rows 1000000 --small 10000 --duration 8 --posts 1000 --readers 2000]
 *
 * Seeds a dedicated PostgreSQL database with threads and replies (INSERT ...
 * SELECT generate_series), boots the built API against it, and measures with
 * autocannon at 50 connections, in one run:
 *   - board threads (GraphQL `threads`) and company page (`company { reviewStats }` + `reviews`),
 *     beside a minimal Fastify + pg handler running the same SQL (ratio):
 *     uncached (the request carries a cookie, so the shared read cache is bypassed as for a session),
 *     cached (anonymous POST answered from the Redis response cache), and GET persisted queries (200 from
 *     the cache, and 304 to If-None-Match, what a CDN's revalidation costs);
 *   - both at --small rows and at --rows rows (keyset pagination keeps them flat);
 *   - posts/s end to end (createThread with token verification in the worker pool, signature, outbox),
 *     beside the raw VOPRF verification rate of one core × cores;
 *   - --readers concurrent connections on the uncached and cached board: p50/p99 and the API's peak RSS;
 *   - uncached board read p99 while batch issuance runs at full speed on the same API process.
 * --profile DIR runs only the uncached reads at --small rows (or, with --profile-phase posts, only the posts) with the
 * API under `node --cpu-prof`, writing the profile to DIR (summarise it with `npx tsx bench/profile-summary.ts DIR/*.cpuprofile`).
 * Needs `npx nest build api` (run automatically when dist is missing).
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  base64urlEncode,
  BatchedTokenResponse,
  Client,
  deriveTokenKeyPair,
  Issuer,
  IssuerDirectory,
  MEDIA_TYPES,
  Origin,
  parseWWWAuthenticate,
  TokenChallenge,
} from '../libs/privacy-pass/src/index.js';
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
    readers: { type: 'string', default: '2000' },
    profile: { type: 'string' },
    'profile-phase': { type: 'string', default: 'reads' },
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
const READERS = Number(opts.readers);
/** Fresh seconds of the shared read cache; the publication delay must be at least twice that. */
const CACHE_SECONDS = 30;
const ISSUE_BATCH = 32;
const ISSUE_CONCURRENCY = 4;
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

const QUEUE_PREFIX = `bench${randomBytes(3).toString('hex')}`;

/**
 * The measured API (RUN_WORKERS=false, as in production), or with `helper` a second process on another port that
 * runs the queue workers (the sign-in mail for the issuance load) and is stopped before any measurement.
 */
function startApi(dbUrl: string, dataDir: string, helper = false): Promise<ChildProcess> {
  const port = helper ? API_PORT + 100 : API_PORT;
  const profile =
    !helper && opts.profile
      ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`, '--import', './bench/support/exit-on-signal.mjs']
      : [];
  const child = spawn('node', [...profile, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
      QUEUE_PREFIX,
      RUN_WORKERS: String(helper),
      PUBLISH_DELAY_MIN_SECONDS: String(2 * CACHE_SECONDS),
      PUBLISH_DELAY_MAX_SECONDS: String(10 * CACHE_SECONDS),
      READ_CACHE_SECONDS: String(CACHE_SECONDS),
      POST_TOKEN_QUOTA: '100000',
      ISSUANCE_MAX_BATCH: String(ISSUE_BATCH),
      RATE_IDENTITY_OPS_PER_CLIENT: '100000',
      // Metrics are collected as in production, but no listener: two processes would want one port.
      METRICS_PORT: '0',
      // Clients keep sockets alive for 4 s: a server closing them sooner races the next request (ECONNRESET).
      HTTP_KEEPALIVE_TIMEOUT_MS: '60000',
      // The helper is stopped mid-job once the member is signed in; its complaints about that are not the bench's.
      LOG_LEVEL: helper ? 'fatal' : 'warn',
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
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
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
    // A 304 to If-None-Match is a success.
    errors: r.errors + r['4xx'] + r['5xx'],
  };
}

/** `cached: false` sends a cookie, which makes the API bypass the shared read cache (as it does for a session). */
function gqlRequest(query: string, variables: Record<string, unknown>, cached = false): autocannon.Options {
  return {
    url: `http://127.0.0.1:${API_PORT}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cached ? {} : { cookie: 'bench=uncached' }) },
    body: JSON.stringify({ query, variables }),
  };
}

/** A GET persisted query as the web client sends it; registered once, then `etag` set to the answer's ETag. */
async function getRequest(
  query: string,
  variables: Record<string, unknown>,
  revalidate: boolean,
): Promise<autocannon.Options> {
  const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
  const url = (withQuery: boolean) =>
    `http://127.0.0.1:${API_PORT}/graphql?${new URLSearchParams({
      ...(withQuery ? { query } : {}),
      variables: JSON.stringify(variables),
      extensions: JSON.stringify(extensions),
    })}`;
  const headers: Record<string, string> = { 'apollo-require-preflight': 'true' };
  const first = await fetch(url(true), { headers });
  const etag = first.headers.get('etag');
  if (!first.ok || !etag || !first.headers.get('cache-control')?.startsWith('public')) {
    throw new Error(`GET persisted query not cacheable: ${first.status} ${first.headers.get('cache-control')}`);
  }
  return { url: url(false), method: 'GET', headers: revalidate ? { ...headers, 'if-none-match': etag } : headers };
}

const THREADS_Q = `query($slug: String!) { threads(companySlug: $slug, first: 20) { edges { node { id title authorHandle replyCount score createdAt company { name } } } pageInfo { endCursor } } }`;
const PAGE_Q = `query($slug: String!) { company(slug: $slug) { name reviewStats { reviewCount averageOverall } } reviews(companySlug: $slug, first: 20) { edges { node { id overall pros cons } } } }`;

const QUERIES = { board: THREADS_Q, page: PAGE_Q } as const;
type Kind = keyof typeof QUERIES;

async function measureReads(
  label: string,
  company: { id: string; slug: string },
  cachedToo = true,
): Promise<Record<string, Result>> {
  const out: Record<string, Result> = {};
  for (const kind of Object.keys(QUERIES) as Kind[]) {
    const variables = { slug: company.slug };
    log(`${label}: API ${kind}, uncached`);
    out[`api ${kind}`] = await cannon(gqlRequest(QUERIES[kind], variables));
    log(`${label}: baseline ${kind}`);
    out[`pg ${kind}`] = await cannon({
      url: `http://127.0.0.1:${BASE_PORT}/${kind}/${kind === 'board' ? company.id : company.slug}`,
    });
    if (!cachedToo) continue;
    log(`${label}: API ${kind}, cached POST`);
    out[`cached ${kind}`] = await cannon(gqlRequest(QUERIES[kind], variables, true));
    log(`${label}: API ${kind}, GET persisted query`);
    out[`get ${kind}`] = await cannon(await getRequest(QUERIES[kind], variables, false));
    log(`${label}: API ${kind}, GET with If-None-Match (304)`);
    out[`304 ${kind}`] = await cannon(await getRequest(QUERIES[kind], variables, true));
  }
  return out;
}

const ROWS_OF = [
  ['api', 'GraphQL, uncached'],
  ['cached', 'GraphQL, cached POST'],
  ['get', 'GET persisted, 200'],
  ['304', 'GET If-None-Match, 304'],
] as const;

function printReads(label: string, r: Record<string, Result>): void {
  console.log(`\n${label}`);
  console.log('| page | path | req/s | p50 ms | p99 ms | bare Fastify+pg req/s | p50 / p99 | × bare | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const kind of Object.keys(QUERIES) as Kind[]) {
    const b = r[`pg ${kind}`];
    for (const [key, name] of ROWS_OF) {
      const a = r[`${key} ${kind}`];
      if (!a) continue;
      console.log(
        `| ${kind} | ${name} | ${a.rps} | ${a.p50} | ${a.p99} | ${b.rps} | ${b.p50} / ${b.p99} | ${(a.rps / b.rps).toFixed(2)} | ${a.errors} |`,
      );
    }
  }
}

/** Resident set size and its peak (VmHWM) of a process, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** VOPRF verifications per second on one core, in this process (the Origin's own work, no I/O). */
function rawVerifyRate(seconds: number): number {
  const key = deriveTokenKeyPair(randomBytes(32), { companyId: 'bench', kind: 'post', epoch: 1 });
  const challenge = new TokenChallenge({ issuerName: 'bench.example', originInfo: ['bench.example'] });
  const client = new Client();
  const issuer = new Issuer(key);
  const tokens = Array.from({ length: 16 }, () => {
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    return client.finalize(issuer.evaluate(request), state);
  });
  const origin = new Origin();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) origin.verify(tokens[n++ % tokens.length], challenge, [key]);
  return n / ((performance.now() - start) / 1000);
}

/** Signs a member in through the code flow; the helper process's workers send the mail to the dev outbox. */
async function signIn(dbUrl: string, dataDir: string, email: string): Promise<string> {
  const helper = await startApi(dbUrl, dataDir, true);
  try {
    const gql = async (query: string, variables: Record<string, unknown>) =>
      (await (
        await fetch(`http://127.0.0.1:${API_PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: { verifyCode?: { token: string } } };
    await gql(`mutation R($email: String!) { requestVerificationCode(email: $email) { sent } }`, { email });
    const outbox = join(dataDir, 'outbox');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const files = existsSync(outbox) ? readdirSync(outbox) : [];
      const code = files.length ? /code is (\d{6})/.exec(readFileSync(join(outbox, files[0]), 'utf8'))?.[1] : undefined;
      if (code) {
        const verified = await gql(
          `mutation V($email: String!, $code: String!) { verifyCode(email: $email, code: $code) { token } }`,
          { email, code },
        );
        return verified.data!.verifyCode!.token;
      }
      if (Date.now() > deadline) throw new Error('no verification mail');
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    helper.kill('SIGTERM');
    await new Promise((r) => (helper.exitCode !== null ? r(null) : helper.once('exit', r)));
  }
}

/** Uncached board reads (50 connections) while ISSUE_CONCURRENCY clients issue batches of 32 tokens non-stop. */
async function readsUnderIssuance(
  session: string,
  company: { slug: string },
): Promise<{ reads: Result; tokensPerSecond: number; failed: number }> {
  const base = `http://127.0.0.1:${API_PORT}`;
  const auth = { authorization: `Bearer ${session}` };
  const directory = IssuerDirectory.deserialize(
    await (await fetch(`${base}/privacy-pass/${company.slug}/post/issuer-directory`)).text(),
  );
  const [params] = parseWWWAuthenticate(
    (await fetch(`${base}/privacy-pass/${company.slug}/post/challenge`)).headers.get('www-authenticate')!,
  );
  const client = new Client();
  const prepared = Array.from({ length: 32 }, () =>
    client.createBatchedTokenRequest(params.challengeBytes, directory.currentKey()!.tokenKey, ISSUE_BATCH),
  );
  const issue = (i: number) =>
    fetch(`${base}/privacy-pass/${company.slug}/post/batch-token-request`, {
      method: 'POST',
      headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
      body: Buffer.from(prepared[i % prepared.length].request.serialize()),
    });
  const check = await issue(0);
  const tokens = client.finalizeBatch(
    BatchedTokenResponse.deserialize(new Uint8Array(await check.arrayBuffer())),
    prepared[0].state,
  );
  if (tokens.length !== ISSUE_BATCH) throw new Error('issuance check failed');
  let issued = 0;
  let failed = 0;
  let stop = false;
  const issuer = async (w: number) => {
    for (let i = w; !stop; i += ISSUE_CONCURRENCY) {
      const res = await issue(i);
      await res.arrayBuffer();
      if (res.status === 200) issued += ISSUE_BATCH;
      else failed++;
    }
  };
  const t0 = performance.now();
  const load = Promise.all(Array.from({ length: ISSUE_CONCURRENCY }, (_, w) => issuer(w)));
  const reads = await cannon(gqlRequest(THREADS_Q, { slug: company.slug }));
  stop = true;
  await load;
  return { reads, tokensPerSecond: Math.round(issued / ((performance.now() - t0) / 1000)), failed };
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
    connections: Math.min(50, POSTS),
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
    // Dropping the database on the way out ends this connection; that is not the error to report.
    db.on('error', () => undefined);
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
    if (opts.profile) {
      if (opts['profile-phase'] === 'posts') {
        const posts = await measurePosts(company);
        console.log(`Posts under --cpu-prof (profile in ${opts.profile}): ${posts.rps} posts/s, p50 ${posts.p50} ms`);
      } else {
        const profiled = await measureReads(`${SMALL} rows (profiled)`, company, false);
        printReads(`Uncached reads at ${SMALL} rows under --cpu-prof (profile in ${opts.profile})`, profiled);
      }
      api.kill('SIGUSR2');
      await new Promise((r) => (api!.exitCode !== null ? r(null) : api!.once('exit', r)));
      api = undefined;
      await db.end();
      return;
    }
    const small = await measureReads(`${SMALL} rows`, company);
    const t0 = Date.now();
    await seed(db, SMALL, ROWS);
    await seedReviews(db, Math.max(0, ROWS / 10 - SMALL / 10));
    log(`seeded to ${ROWS} rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const large = await measureReads(`${ROWS} rows`, company);
    const posts = await measurePosts(company);
    const verifyRate = rawVerifyRate(3);

    const memoryBefore = memoryOf(api.pid!);
    log(`${READERS} concurrent readers, uncached`);
    const crowd = await cannon({ ...gqlRequest(THREADS_Q, { slug: company.slug }), connections: READERS });
    log(`${READERS} concurrent readers, cached`);
    const crowdCached = await cannon({
      ...gqlRequest(THREADS_Q, { slug: company.slug }, true),
      connections: READERS,
    });
    const memoryAfter = memoryOf(api.pid!);

    log('signing a member in for the issuance load');
    const [{ domain }] = (
      await db.query(`SELECT domain FROM company_domains WHERE company_id = $1 LIMIT 1`, [company.id])
    ).rows as { domain: string }[];
    const session = await signIn(url.toString(), dataDir, `bench@${domain}`);
    log('uncached board reads while issuance runs');
    const idle = await cannon(gqlRequest(THREADS_Q, { slug: company.slug }));
    const loaded = await readsUnderIssuance(session, company);
    await db.end();

    printReads(`Reads at ${SMALL} threads+replies (50 connections, ${DURATION} s each)`, small);
    printReads(`Reads at ${ROWS} threads+replies`, large);
    console.log(
      `\nLatency change ${SMALL} → ${ROWS} rows (uncached): board p50 ${small['api board'].p50} → ${large['api board'].p50} ms, page p50 ${small['api page'].p50} → ${large['api page'].p50} ms`,
    );
    const cores = availableParallelism();
    console.log(
      `\nPosts end to end (createThread: token verify + signature + spend + outbox): ${posts.total} posts in ${posts.seconds.toFixed(1)} s = ${posts.rps} posts/s, p50 ${posts.p50} ms, p99 ${posts.p99} ms, errors ${posts.errors}; raw VOPRF verification ${Math.round(verifyRate)}/s on one core × ${cores} cores = ${Math.round(verifyRate * cores)}/s (posts/s ÷ that: ${(posts.rps / (verifyRate * cores)).toFixed(2)})`,
    );
    console.log(
      `\n${READERS} concurrent readers (board, ${DURATION} s): uncached ${crowd.rps} req/s, p50 ${crowd.p50} ms, p99 ${crowd.p99} ms, errors ${crowd.errors}; cached ${crowdCached.rps} req/s, p50 ${crowdCached.p50} ms, p99 ${crowdCached.p99} ms, errors ${crowdCached.errors}; API RSS ${memoryBefore.rss} MB before, ${memoryAfter.rss} MB after, peak ${memoryAfter.peak} MB`,
    );
    console.log(
      `\nUncached board reads (50 connections) while issuance runs (${ISSUE_CONCURRENCY} clients, batches of ${ISSUE_BATCH}, ${loaded.tokensPerSecond} tokens/s, ${loaded.failed} refused): p50 ${loaded.reads.p50} ms, p99 ${loaded.reads.p99} ms, ${loaded.reads.rps} req/s; idle just before: p50 ${idle.p50} ms, p99 ${idle.p99} ms (${(loaded.reads.p99 / idle.p99).toFixed(2)} × idle p99)`,
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
