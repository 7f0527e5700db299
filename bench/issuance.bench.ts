/**
 * npm run bench:issuance — end-to-end Privacy Pass issuance through the HTTP
 * endpoint (batches of 32) against the raw library figure, and the read
 * latency of `companies` with and without concurrent issuance load on the
 * same API process.
 *
 * Runs under tsx (the bench itself is plain TypeScript) and boots the BUILT
 * API (run `npx nest build api` first) as a child process on
 * a fresh PostgreSQL database (TEST_DATABASE_URL or local postgres) and Redis,
 * signs in through the real code flow (development outbox), then measures.
 * Bounded: about a minute.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  BatchedTokenResponse,
  Client,
  deriveTokenKeyPair,
  IssuerDirectory,
  Issuer,
  MEDIA_TYPES,
  TokenChallenge,
  parseWWWAuthenticate,
} from '@unlinked/privacy-pass';

const BATCH = 32;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const READS = Number(process.env.BENCH_READS ?? 400);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 20);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function rawLibrary(seconds: number): number {
  const key = deriveTokenKeyPair(randomBytes(32), { companyId: 'bench', kind: 'post', epoch: 1 });
  const issuer = new Issuer(key, { maxBatchSize: BATCH });
  const client = new Client();
  const challenge = new TokenChallenge({
    issuerName: 'bench.post.issuer.bench.example',
    originInfo: ['bench.example'],
  });
  const requests = Array.from(
    { length: 8 },
    () => client.createBatchedTokenRequest(challenge, key.publicKey, BATCH).request,
  );
  let tokens = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    issuer.evaluateBatch(requests[tokens % requests.length]);
    tokens += BATCH;
  }
  return tokens / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const mainJs = join(process.cwd(), 'dist/apps/api/src/main.js');
  if (!existsSync(mainJs)) throw new Error('Build first: npx nest build api');
  const dbName = `unlinked_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'unlinked-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  let api: ChildProcess | undefined;
  try {
    api = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_PRETTY: 'false',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL,
        QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
        DATA_DIR: dataDir,
        RUN_WORKERS: 'true',
        POST_TOKEN_QUOTA: '100000',
        ISSUANCE_MAX_BATCH: String(BATCH),
        RATE_IDENTITY_OPS_PER_CLIENT: '100000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await until(async () => ((await fetch(`${base}/health`)).ok ? true : undefined), 60_000, 'the API to start');

    // Sign in through the real flow; the code comes from the development outbox.
    const gql = async (
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const email = 'bench@tencent.com';
    await gql(`mutation R($email: String!) { requestVerificationCode(email: $email) { sent } }`, { email });
    const outbox = join(dataDir, 'outbox');
    const code = await until(
      async () => {
        const files = existsSync(outbox) ? readdirSync(outbox) : [];
        return files.length ? /code is (\d{6})/.exec(readFileSync(join(outbox, files[0]), 'utf8'))?.[1] : undefined;
      },
      20_000,
      'the verification mail',
    );
    const verified = await gql(
      `mutation V($email: String!, $code: String!) { verifyCode(email: $email, code: $code) { token } }`,
      {
        email,
        code,
      },
    );
    const session = (verified.data!.verifyCode as { token: string }).token;
    const auth = { authorization: `Bearer ${session}` };

    const directory = IssuerDirectory.deserialize(
      await (await fetch(`${base}/privacy-pass/tencent/post/issuer-directory`)).text(),
    );
    const publicKey = directory.currentKey()!.tokenKey;
    const [params] = parseWWWAuthenticate(
      (await fetch(`${base}/privacy-pass/tencent/post/challenge`)).headers.get('www-authenticate')!,
    );

    // Client-side blinding happens before the clock starts (it is the client's cost, not the server's).
    const client = new Client();
    const poolSize = 64;
    const prepared = Array.from({ length: poolSize }, () =>
      client.createBatchedTokenRequest(params.challengeBytes, publicKey, BATCH),
    );
    const bodies = prepared.map((p) => Buffer.from(p.request.serialize()));
    const check = await fetch(`${base}/privacy-pass/tencent/post/batch-token-request`, {
      method: 'POST',
      headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
      body: bodies[0],
    });
    const tokens = client.finalizeBatch(
      BatchedTokenResponse.deserialize(new Uint8Array(await check.arrayBuffer())),
      prepared[0].state,
    );
    if (tokens.length !== BATCH) throw new Error('issuance check failed');

    const readOnce = async (): Promise<number> => {
      const t = performance.now();
      const r = await gql(`query { companies(first: 20) { edges { node { slug name verifiedMembers boardOpen } } } }`);
      if (r.errors) throw new Error('read failed');
      return performance.now() - t;
    };
    // At most `n` reads or READ_SECONDS, whichever comes first (bounded even when reads are slow).
    const reads = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      const deadline = performance.now() + READ_SECONDS * 1000;
      for (let i = 0; i < n && performance.now() < deadline; i++) out.push(await readOnce());
      return out.sort((a, b) => a - b);
    };
    for (let i = 0; i < 50; i++) await readOnce(); // warm-up
    const idle = await reads(READS);

    let issued = 0;
    let failed = 0;
    let stop = false;
    const issuer = async (w: number) => {
      for (let i = w; !stop; i += CONCURRENCY) {
        const res = await fetch(`${base}/privacy-pass/tencent/post/batch-token-request`, {
          method: 'POST',
          headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
          body: bodies[i % poolSize],
        });
        await res.arrayBuffer();
        if (res.status === 200) issued += BATCH;
        else failed++;
      }
    };
    const t0 = performance.now();
    const load = Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => issuer(w)));
    await sleep(500);
    const loaded = await reads(READS);
    const remaining = ISSUE_SECONDS * 1000 - (performance.now() - t0);
    if (remaining > 0) await sleep(remaining);
    stop = true;
    await load;
    const seconds = (performance.now() - t0) / 1000;

    const raw = rawLibrary(5);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      JSON.stringify(
        {
          cores: availableParallelism(),
          batch: BATCH,
          concurrency: CONCURRENCY,
          issuanceThreads: process.env.ISSUANCE_THREADS ?? `default (${availableParallelism()})`,
          httpTokensPerSecond: Math.round(issued / seconds),
          httpFailedRequests: failed,
          rawLibraryTokensPerSecondOneThread: Math.round(raw),
          companiesReadMs: {
            idle: { p50: fmt(percentile(idle, 50)), p99: fmt(percentile(idle, 99)), n: idle.length },
            underIssuance: { p50: fmt(percentile(loaded, 50)), p99: fmt(percentile(loaded, 99)), n: loaded.length },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => (api ? api.once('exit', r) : r(null)));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
