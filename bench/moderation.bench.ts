/**
 * npm run bench:moderation [-- --duration 10 --rate 50 --flood 2000 --concurrency 4]
 *
 * 1. Engine: screenings/s of the pure screening engine on one core (mixed
 *    English and Chinese texts, some with personal data, links, profanity).
 * 2. Flood: --flood submissions written at once (content + outbox rows, as the
 *    forum's write transaction does), one worker process: screening jobs/s
 *    per worker (outbox relay → screen-content → publish-content).
 * 3. Sustained: --rate submissions/s for --duration s into the same pipeline;
 *    delay from submission to publication (p50/p95/p99/max), with the
 *    deliberate random delay set to 0 (PUBLISH_DELAY_*_SECONDS=0).
 * Bounded: each phase stops by itself (phase 2 and 3 time out at 120 s).
 * Needs the built worker (`npx nest build worker`, run automatically when dist is missing).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadModerationConfig } from '@unlinked/config';
import { ScreeningEngine } from '@unlinked/moderation';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '50' },
    flood: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    pg: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const DURATION = Number(opts.duration);
const RATE = Number(opts.rate);
const FLOOD = Number(opts.flood);
const DB = `unlinked_bench_mod_${randomBytes(3).toString('hex')}`;
const PREFIX = `benchmod${randomBytes(3).toString('hex')}`;
const WORKER_MAIN = join(process.cwd(), 'dist/apps/worker/src/main.js');
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

const TEXTS = [
  'Great team, slow promotions, decent pay. Managers care about growth.',
  '团队氛围不错，晋升慢，薪资一般。加班比较多，但是同事很友善。',
  'Reorg again this quarter; see https://news.example.org/layoffs for the memo.',
  'Ask the recruiter at recruiter.person@example.org, she replies fast.',
  '他的手机是13812345678，有事直接打给他。',
  'This reorg is total shit and nobody explains anything.',
  'Interview: two coding rounds, one system design, one behavioural. Fair overall.',
  '年终奖三个月，去年营收13800000000元，今年目标更高。',
];

/** Texts that pass screening, for the publication-delay phase (held content is never published). */
const CLEAN = [TEXTS[0], TEXTS[1], TEXTS[2], TEXTS[6], TEXTS[7]];

function engineBench(): void {
  const engine = new ScreeningEngine(loadModerationConfig({}).screening);
  const until = Date.now() + Math.min(DURATION, 5) * 1000;
  let n = 0;
  const start = performance.now();
  while (Date.now() < until) {
    for (let i = 0; i < 100; i++)
      engine.screen({ text: `${TEXTS[(n + i) % TEXTS.length]} #${n + i}`, duplicateCount: 1 });
    n += 100;
  }
  const s = (performance.now() - start) / 1000;
  log(`engine: ${Math.round(n / s)} screenings/s on one core (${n} texts, ${s.toFixed(1)} s)`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  engineBench();

  if (!existsSync(WORKER_MAIN)) {
    log('building the worker (npx nest build worker)');
    execFileSync('npx', ['nest', 'build', 'worker'], { stdio: 'inherit' });
  }
  const admin = new pg.Client({ connectionString: opts.pg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const url = new URL(opts.pg!);
  url.pathname = `/${DB}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'unlinked-bench-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    REDIS_URL: opts.redis!,
    QUEUE_PREFIX: PREFIX,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    MIGRATIONS_RUN: 'true',
    SEED_ON_EMPTY: 'true',
    WORKER_METRICS_PORT: '0',
    WORKER_CONCURRENCY: opts.concurrency!,
    OUTBOX_RELAY_INTERVAL_MS: '100',
    PUBLISH_DELAY_MIN_SECONDS: '0',
    PUBLISH_DELAY_MAX_SECONDS: '0',
    // Bench texts repeat by design; duplicates are noted, not rejected.
    MODERATION_RULE_ACTIONS: 'duplicate=allow',
    ISSUER_MASTER_SEED: randomBytes(32).toString('hex'),
    EMAIL_PEPPER: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  let worker: ChildProcess | undefined;
  const db = new pg.Pool({ connectionString: url.toString(), max: 8 });
  try {
    worker = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    // The worker migrates and seeds the fresh database.
    for (let i = 0; ; i++) {
      const ok = await db
        .query(`SELECT count(*)::int AS n FROM companies`)
        .then((r) => r.rows[0].n > 0)
        .catch(() => false);
      if (ok) break;
      if (i > 600) throw new Error('worker did not migrate the database');
      await new Promise((r) => setTimeout(r, 100));
    }
    const companies = (await db.query<{ id: string }>(`SELECT id FROM companies ORDER BY slug LIMIT 20`)).rows;

    /** One submission as the forum's write transaction stores it: content row + outbox row. */
    const submit = async (i: number, texts: readonly string[] = TEXTS): Promise<string> => {
      const { rows } = await db.query<{ id: string }>(
        `WITH t AS (
           INSERT INTO threads (company_id, title, body, author_key, status, created_at, last_activity_at)
           VALUES ($1, 'Bench', $2, $3, 'pending', date_trunc('hour', now()), date_trunc('hour', now())) RETURNING id)
         INSERT INTO publication_outbox (content_type, content_id, delay_ms) SELECT 'thread', id, 0 FROM t RETURNING content_id AS id`,
        [companies[i % companies.length].id, `${texts[i % texts.length]} (${i})`, randomBytes(32)],
      );
      return rows[0].id;
    };
    const screened = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM moderation_items`)).rows[0].n;

    // Phase 2: flood.
    for (let i = 0; i < FLOOD; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, FLOOD - i) }, (_, k) => submit(i + k)));
    }
    const floodStart = performance.now();
    const deadline = Date.now() + 120_000;
    let done = 0;
    while ((done = await screened()) < FLOOD && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const floodS = (performance.now() - floodStart) / 1000;
    log(
      `flood: ${done}/${FLOOD} screened in ${floodS.toFixed(1)} s → ${Math.round(done / floodS)} screening jobs/s ` +
        `(one worker process, concurrency ${opts.concurrency})`,
    );
    // Let publication catch up (the outbox empties as content is published or held) before phase 3.
    while (
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM publication_outbox`)).rows[0].n > 0 &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }

    // Phase 3: sustained rate.
    const submittedAt = new Map<string, number>();
    const delays: number[] = [];
    const total = RATE * DURATION;
    const t0 = performance.now();
    let sent = 0;
    const poll = async () => {
      if (submittedAt.size === 0) return;
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM threads WHERE id = ANY($1::uuid[]) AND status = 'published'`,
        [[...submittedAt.keys()]],
      );
      const now = performance.now();
      for (const { id } of rows) {
        delays.push(now - submittedAt.get(id)!);
        submittedAt.delete(id);
      }
    };
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      while (sent < due) {
        const at = performance.now();
        submittedAt.set(await submit(FLOOD + sent, CLEAN), at);
        sent++;
      }
      await poll();
      await new Promise((r) => setTimeout(r, 20));
    }
    const end = Date.now() + 60_000;
    while (submittedAt.size > 0 && Date.now() < end) {
      await poll();
      await new Promise((r) => setTimeout(r, 20));
    }
    delays.sort((a, b) => a - b);
    log(
      `sustained ${RATE}/s for ${DURATION} s: ${delays.length}/${total} published; submission → publication ` +
        `p50 ${percentile(delays, 50).toFixed(0)} ms, p95 ${percentile(delays, 95).toFixed(0)} ms, ` +
        `p99 ${percentile(delays, 99).toFixed(0)} ms, max ${delays.at(-1)?.toFixed(0)} ms ` +
        `(relay interval 100 ms, publication delay 0)`,
    );
  } finally {
    worker?.kill('SIGTERM');
    await new Promise((r) => (worker && worker.exitCode === null ? worker.once('exit', r) : r(null)));
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(opts.redis!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
