import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@unlinked/config';
import type { TestApi } from './test-app.js';
import { BUILD_MS } from './timing.js';

const WORKER_MAIN = join(process.cwd(), 'dist/apps/worker/src/main.js');
const API_MAIN = join(process.cwd(), 'dist/apps/api/src/main.js');

/**
 * Builds the worker and the API (`nest build worker`: one tsc build of tsconfig.build.json emits both): a
 * process that can be killed with SIGKILL must be its own process, and Nest code cannot run from
 * TypeScript without the build (decorator metadata).
 */
export function buildWorker(): void {
  // TEST_WORKER_PREBUILT=1 reuses an existing build (local iterations); CI always builds.
  if (process.env.TEST_WORKER_PREBUILT === '1' && existsSync(WORKER_MAIN) && existsSync(API_MAIN)) return;
  execFileSync('npx', ['nest', 'build', 'worker'], { stdio: 'ignore', timeout: BUILD_MS });
}

/** The environment of the API under test, for a worker process that shares its database, Redis and prefix. */
export function workerEnv(api: TestApi, overrides: Record<string, string> = {}): Record<string, string> {
  const c: AppConfig = api.config;
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'test',
    DATABASE_URL: api.db.url,
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    DATA_DIR: c.dataDir,
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    MIGRATIONS_RUN: 'false',
    SEED_ON_EMPTY: 'false',
    WORKER_METRICS_PORT: '0',
    ISSUER_MASTER_SEED: hex(c.secrets.masterSeed),
    EMAIL_PEPPER: hex(c.secrets.emailPepper),
    SESSION_SECRET: hex(c.secrets.sessionSecret),
    PUBLISH_DELAY_MIN_SECONDS: '0',
    PUBLISH_DELAY_MAX_SECONDS: '0',
    ...overrides,
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export function startWorker(env: Record<string, string>): WorkerProcess {
  return startProcess(WORKER_MAIN, env);
}

/** The API (apps/api main.ts) as its own process, listening on env.PORT. */
export function startApiProcess(env: Record<string, string>): WorkerProcess {
  return startProcess(API_MAIN, env);
}

function startProcess(main: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}
