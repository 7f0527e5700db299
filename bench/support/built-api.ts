/**
 * The BUILT API (`npx nest build api`) as a child process on a scratch
 * PostgreSQL database and Redis, with a member signed in through the real code
 * flow (development outbox): what the end-to-end benches measure against.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }>;

export interface BuiltApi {
  base: string;
  gql: Gql;
  /** The scratch database, for seeding what a bench needs. */
  db: pg.Client;
  /** Signs `email` in through the code flow; returns the session token. */
  signIn(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBuiltApi(env: Record<string, string> = {}): Promise<BuiltApi> {
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
  const api: ChildProcess = spawn(process.execPath, [mainJs], {
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
      RATE_IDENTITY_OPS_PER_CLIENT: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  const close = async () => {
    api.kill('SIGTERM');
    await new Promise((r) => (api.exitCode !== null ? r(null) : api.once('exit', r)));
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await until(async () => ((await fetch(`${base}/health`)).ok ? true : undefined), 60_000, 'the API to start');
    await db.connect();
  } catch (e) {
    await close();
    throw e;
  }
  const gql: Gql = async (query, variables = {}, headers = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Awaited<ReturnType<Gql>>;
  };
  const signIn = async (email: string): Promise<string> => {
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
      { email, code },
    );
    return (verified.data!.verifyCode as { token: string }).token;
  };
  return { base, gql, db, signIn, close };
}
