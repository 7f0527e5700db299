import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueueName } from '@unlinked/jobs';
import { QueueEvents } from 'bullmq';
import pg from 'pg';
import { Author, mintTokens, openCompany, TokenKind, type TestCompany } from '../support/forum-client.js';
import { freePort } from '../support/redis-server.js';
import { clearRedisPrefix, graphqlClient, startTestApi, type TestApi } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/test-database.js';
import { BUILD_MS, HEAVY_TEST_MS, LONG_WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';
import { buildWorker, startApiProcess, startWorker, workerEnv, type WorkerProcess } from '../support/worker-process.js';

const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!, $token: String) {
    createThread(input: $input, token: $token) {
      id
    }
  }
`;

/** Every replica's PUBLIC_URL (tokens are bound to it); the ports the processes listen on differ. */
const PUBLIC_URL = 'http://localhost:3000';
const REDEMPTIONS = 1000;
const POSTS = 500;
const KILL_POSTS = 200;
/**
 * Requests in flight at once (per run, across both APIs): enough that every redemption races others on both APIs,
 * few enough that a starved 2-core machine answers each before Node's 60 s header timeout closes its socket.
 */
const CONCURRENCY = 200;
/** In the kill run, so that most of it is still to come when the kill lands. */
const KILL_CONCURRENCY = 20;
/** Bound on a pipeline settling: hundreds of token verifications and jobs on a loaded 2-core machine. */
const SETTLE_MS = HEAVY_TEST_MS;

jest.setTimeout(2 * HEAVY_TEST_MS);

interface ApiProcess {
  proc: WorkerProcess;
  gql: ReturnType<typeof graphqlClient>;
}

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** `i` in words: screening reads digits as letters ("455" is held as profanity), words it leaves alone. */
function spell(i: number): string {
  return [...String(i)].map((d) => DIGITS[Number(d)]).join(' ');
}

/** The GraphQL variables of a createThread, as a client sends them (fresh author key). */
function threadVars(company: TestCompany, title: string, body: string, token: string) {
  const author = new Author();
  return {
    input: {
      companySlug: company.slug,
      title,
      body,
      authorKey: author.publicKey,
      signature: author.sign('create-thread', [company.slug, '', title, body]),
    },
    token,
  };
}

type Outcome = 'accepted' | 'retriedAccepted' | 'retriedSpent';

/**
 * A createThread as a client sends it: to `first`, and when the request dies on the way (its API killed, or a
 * socket closed on a starved machine) once more with the same token to `other`.
 */
async function createThread(first: ApiProcess, other: ApiProcess, vars: ReturnType<typeof threadVars>) {
  try {
    return { res: await first.gql<{ createThread: { id: string } }>(CREATE_THREAD, vars), retried: false };
  } catch (error) {
    // fetch failed: no answer (a TypeError of Node's realm, not of the test's VM context: compare the message).
    if ((error as Error).message !== 'fetch failed') throw error;
    return { res: await other.gql<{ createThread: { id: string } }>(CREATE_THREAD, vars), retried: true };
  }
}

/**
 * A post that must get through: accepted at once, or on the retry, which finds the token unspent (accepted) or
 * spent together with its post (TOKEN_ALREADY_USED: one transaction), never burnt without its post.
 */
async function send(first: ApiProcess, other: ApiProcess, vars: ReturnType<typeof threadVars>): Promise<Outcome> {
  const { res, retried } = await createThread(first, other, vars);
  if (!res.errors) return retried ? 'retriedAccepted' : 'accepted';
  if (retried && res.errors[0].extensions?.code === 'TOKEN_ALREADY_USED') return 'retriedSpent';
  throw new Error(`createThread refused: ${JSON.stringify(res.errors)}`);
}

/** Runs fn(0), …, fn(count - 1) with `lanes` calls in flight at once; the results in order. */
async function inLanes<T>(count: number, lanes: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await fn(i);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

function outcomeCounts(outcomes: Outcome[]): Record<Outcome, number> {
  const counts = { accepted: 0, retriedAccepted: 0, retriedSpent: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

function redisAt(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379) };
}

function alive(proc: WorkerProcess): boolean {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}

/**
 * Issue 16, more than one machine: two API processes and two worker processes (each its own Node process, from
 * the build) on one PostgreSQL database and one Redis prefix. The API keeps no state of its own (a token spent on
 * one is spent on the other), the workers compete for jobs safely, and a replica killed mid-run loses nothing.
 */
describe('two APIs and two workers on one PostgreSQL and Redis (real processes)', () => {
  let setup: TestApi;
  let db: pg.Pool;
  let company: TestCompany;
  let baseEnv: Record<string, string>;
  const apis: ApiProcess[] = [];
  const workers: WorkerProcess[] = [];
  const tokens: string[] = [];
  let events: QueueEvents[] = [];

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await db.query<{ n: number }>(sql, params)).rows[0] ?? { n: 0 }).n;

  /** Waits (bounded) for the pipeline to settle; a time-out says what the processes warned of (no content in it). */
  async function settled(check: () => Promise<boolean>, what: string): Promise<void> {
    try {
      await until(check, SETTLE_MS, what);
    } catch (error) {
      const warnings = [...apis.map((a) => a.proc), ...workers].map((p) =>
        p
          .output()
          .split('\n')
          .filter((l) => /"level":(4|5)\d/.test(l))
          .slice(-5),
      );
      const states = await db.query(
        `SELECT 'thread' AS what, status::text AS state, count(*)::int AS n FROM threads GROUP BY status
         UNION ALL SELECT 'decision', state, count(*)::int FROM moderation_items GROUP BY state
         UNION ALL SELECT 'outbox', relayed::text, count(*)::int FROM publication_outbox GROUP BY relayed`,
      );
      const exits = [...apis.map((a) => a.proc), ...workers].map((p) => p.child.exitCode ?? p.child.signalCode);
      throw new Error(`${(error as Error).message}; ${JSON.stringify({ states: states.rows, exits, warnings })}`);
    }
  }

  async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
    const port = await freePort();
    const proc = startApiProcess({ ...baseEnv, ...env, PORT: String(port), HOST: '127.0.0.1' });
    const url = `http://127.0.0.1:${port}`;
    await until(
      async () => !alive(proc) || (await fetch(`${url}/ready`).catch(() => undefined))?.ok,
      LONG_WAIT_MS,
      'an API process to be ready',
    );
    return { proc, gql: graphqlClient(url) };
  }

  beforeAll(async () => {
    buildWorker();
    // The setup process migrates and seeds the database and mints tokens as clients would (same master seed), then
    // closes: only the child processes serve the test.
    setup = await startTestApi({ PUBLIC_URL });
    company = await openCompany(setup, 'alibaba');
    tokens.push(...mintTokens(setup, company, TokenKind.Post, 1 + POSTS + KILL_POSTS));
    await setup.app.close();
    db = new pg.Pool({ connectionString: setup.db.url, max: 2 });
    baseEnv = workerEnv(setup, {
      PUBLIC_URL,
      OUTBOX_RELAY_INTERVAL_MS: '200',
      METRICS_PORT: '0',
      WEB_DIST_DIR: 'off',
      HTTP_KEEPALIVE_TIMEOUT_MS: '60000',
      HTTP_IDLE_TIMEOUT_MS: '600000',
      HTTP_REQUEST_TIMEOUT_MS: '600000',
    });
    apis.push(await startApi(), await startApi());
    // A lock is renewed every lockDuration / 2, so no live worker loses one unless starved that long; the second
    // worker (killed below) holds its jobs' locks for 15 s, which bounds how long recovery waits after the kill.
    // Stalled checks run every second.
    workers.push(
      startWorker({
        ...baseEnv,
        WORKER_LOCK_DURATION_MS: '30000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        WORKER_CONCURRENCY: '8',
      }),
      startWorker({
        ...baseEnv,
        WORKER_LOCK_DURATION_MS: '15000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        WORKER_CONCURRENCY: '8',
      }),
    );
    for (const p of [...apis.map((a) => a.proc), ...workers]) expect(alive(p)).toBe(true);
  }, BUILD_MS + HEAVY_TEST_MS);

  afterAll(async () => {
    for (const p of [...apis.map((a) => a.proc), ...workers]) {
      if (alive(p)) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    await Promise.all(events.map((e) => e.close()));
    await db?.end();
    await setup?.db.drop();
    if (setup) {
      await clearRedisPrefix(setup.config.queuePrefix);
      rmSync(setup.config.dataDir, { recursive: true, force: true });
    }
  }, LONG_WAIT_MS);

  it(`of ${REDEMPTIONS} concurrent redemptions of one token across both APIs exactly one succeeds`, async () => {
    const token = tokens[0];
    const sent = await inLanes(REDEMPTIONS, CONCURRENCY, (i) =>
      createThread(
        apis[i % 2],
        apis[(i + 1) % 2],
        threadVars(company, `race ${spell(i)}`, 'One token, many tries.', token),
      ),
    );
    const results = sent.map((s) => s.res);
    const ok = results.filter((r) => !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(ok).toHaveLength(1);
    expect(codes).toHaveLength(REDEMPTIONS - 1);
    expect(new Set(codes)).toEqual(new Set(['TOKEN_ALREADY_USED']));
    expect(await count(`SELECT count(*)::int AS n FROM threads WHERE title LIKE 'race %'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM spent_tokens`)).toBe(1);
    console.log(
      `${REDEMPTIONS} redemptions of one token: ${ok.length} succeeded, ${codes.length} TOKEN_ALREADY_USED ` +
        `(${sent.filter((s) => s.retried).length} retried on the other API after a dropped connection)`,
    );
  });

  it(`screens and publishes ${POSTS} posts across both APIs exactly once`, async () => {
    const outcomes = outcomeCounts(
      await inLanes(POSTS, CONCURRENCY, (i) =>
        send(
          apis[i % 2],
          apis[(i + 1) % 2],
          threadVars(
            company,
            `many ${spell(i)}`,
            `Note ${spell(i)} from the many: the canteen menu changed again.`,
            tokens[1 + i],
          ),
        ),
      ),
    );
    await settled(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM threads WHERE title LIKE 'many %' AND status = 'published'`)) ===
        POSTS,
      'every post published',
    );
    const [stored] = (
      await db.query<{ threads: number; published: number; decisions: number; decided: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM threads WHERE title LIKE 'many %') AS threads,
                (SELECT count(*)::int FROM threads WHERE title LIKE 'many %' AND status = 'published') AS published,
                (SELECT count(*)::int FROM moderation_items m JOIN threads t ON t.id = m.content_id
                  WHERE t.title LIKE 'many %' AND m.state = 'published') AS decisions,
                (SELECT count(DISTINCT m.content_id)::int FROM moderation_items m JOIN threads t ON t.id = m.content_id
                  WHERE t.title LIKE 'many %') AS decided,
                (SELECT count(*)::int FROM publication_outbox) AS outbox`,
      )
    ).rows;
    expect(stored).toEqual({ threads: POSTS, published: POSTS, decisions: POSTS, decided: POSTS, outbox: 0 });

    console.log(`${POSTS} posts (${JSON.stringify(outcomes)}): one decision and one publication each`);
  });

  it('loses nothing when one API and one worker are killed mid-run; a failed request is retried on the other API', async () => {
    // Recovery of the killed worker's jobs is observable on the queues' event streams (no job data in them).
    events = [QueueName.Moderation, QueueName.Publication].map(
      (q) => new QueueEvents(q, { connection: redisAt(TEST_REDIS_URL), prefix: setup.config.queuePrefix }),
    );
    let stalled = 0;
    for (const e of events) e.on('stalled', () => stalled++);
    await Promise.all(events.map((e) => e.waitUntilReady()));

    const [survivor, victim] = apis;
    const killToken = tokens.slice(1 + POSTS);
    let sent = 0;
    const run = inLanes(KILL_POSTS, KILL_CONCURRENCY, async (i) => {
      sent++;
      const body = `Note ${spell(i)} from the kill run: the lifts are out again.`;
      const vars = threadVars(company, `kill ${spell(i)}`, body, killToken[i]);
      return send(i % 2 === 0 ? survivor : victim, survivor, vars);
    });
    // Kill once posts are being written (and relayed to the workers every 200 ms), with most of the run to come.
    await until(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM threads WHERE title LIKE 'kill %'`)) >= 2 * KILL_CONCURRENCY,
      SETTLE_MS,
      'the kill run to be under way',
    );
    const sentAtKill = sent;
    victim.proc.child.kill('SIGKILL');
    workers[1].child.kill('SIGKILL');
    const [outcomes] = await Promise.all([run, victim.proc.exited, workers[1].exited]);

    // Every post whose write succeeded, on either API, is published exactly once by the surviving worker.
    await settled(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM threads WHERE title LIKE 'kill %' AND status = 'published'`)) ===
        KILL_POSTS,
      'every post of the kill run published',
    );
    const [stored] = (
      await db.query<{
        threads: number;
        decisions: number;
        decided: number;
        spent: number;
        all: number;
        outbox: number;
      }>(
        `SELECT (SELECT count(*)::int FROM threads WHERE title LIKE 'kill %') AS threads,
                (SELECT count(*)::int FROM moderation_items m JOIN threads t ON t.id = m.content_id
                  WHERE t.title LIKE 'kill %') AS decisions,
                (SELECT count(DISTINCT m.content_id)::int FROM moderation_items m JOIN threads t ON t.id = m.content_id
                  WHERE t.title LIKE 'kill %' AND m.state = 'published') AS decided,
                (SELECT count(*)::int FROM spent_tokens) AS spent,
                (SELECT count(*)::int FROM threads) AS all,
                (SELECT count(*)::int FROM publication_outbox) AS outbox`,
      )
    ).rows;
    // No burnt token without its post: one spent token per thread, every token of the run paid for one post.
    expect(stored).toEqual({
      threads: KILL_POSTS,
      decisions: KILL_POSTS,
      decided: KILL_POSTS,
      spent: 1 + POSTS + KILL_POSTS,
      all: 1 + POSTS + KILL_POSTS,
      outbox: 0,
    });
    expect(outcomes).toHaveLength(KILL_POSTS);
    expect(alive(survivor.proc) && alive(workers[0])).toBe(true);
    console.log(
      `kill run: killed after ${sentAtKill} of ${KILL_POSTS} sent; ${JSON.stringify(outcomeCounts(outcomes))}; ` +
        `${stalled} stalled jobs recovered; all ${KILL_POSTS} published once`,
    );
  });

  it('refuses to start an API whose PUBLIC_URL differs from the one its database records, naming both', async () => {
    const other = await startApi({ PUBLIC_URL: 'https://elsewhere.example' });
    expect(await other.proc.exited).toBe(1);
    expect(other.proc.output()).toContain(
      `Invalid configuration: PUBLIC_URL is https://elsewhere.example, but the APIs on this database use ${PUBLIC_URL}`,
    );
    expect(
      (await db.query<{ value: string }>(`SELECT value FROM deployment_settings WHERE name = 'public_url'`)).rows,
    ).toEqual([{ value: PUBLIC_URL }]);
  });
});
