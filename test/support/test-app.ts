import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@unlinked/config';
import { Redis } from 'ioredis';
import { FORUM_DB } from '@unlinked/db/anonymous';
import type { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { LogCapture } from './log-capture.js';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './test-database.js';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string }; path?: string[] }[];
}

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  logs: LogCapture;
  db: TestDatabase;
  /** The app's own data source, for assertions on stored rows. */
  dataSource: DataSource;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** Test environment: fresh database, random queue prefix, temp data dir, fixed test secrets. */
export function testEnv(
  databaseUrl: string | undefined,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'unlinked-')),
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    // Per-window log tallies (requests, screening, publication, mail) arrive within a second.
    LOG_WINDOW_SECONDS: '1',
    RUN_WORKERS: 'false',
    ISSUER_MASTER_SEED: randomBytes(32).toString('hex'),
    EMAIL_PEPPER: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    // No publication delay by default, so suites wait only for the pipeline itself; the delay is
    // tested with a real range in forum-publish-delay.e2e-spec.ts.
    PUBLISH_DELAY_MIN_SECONDS: '0',
    PUBLISH_DELAY_MAX_SECONDS: '0',
    // Test clients (undici's fetch) keep sockets alive for 4 s; a server that closes them sooner races the client's
    // next request on a loaded machine (ECONNRESET, "other side closed"), and a request that waits long on a starved
    // event loop must not be cut. http-timeouts.e2e-spec.ts sets its own short limits.
    HTTP_KEEPALIVE_TIMEOUT_MS: '60000',
    HTTP_IDLE_TIMEOUT_MS: '600000',
    HTTP_REQUEST_TIMEOUT_MS: '600000',
    // The built web app is served only by the suites that ask for it (test/web).
    WEB_DIST_DIR: 'off',
    // No metrics listener on the fixed default port (9463 outside NODE_ENV=test): a suite that boots in production
    // mode collided there with another process (a second suite, a developer's server). Metrics suites set their own.
    METRICS_PORT: '0',
    WORKER_METRICS_PORT: '0',
    ...overrides,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

/** Deletes every Redis key under a queue prefix. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** A GraphQL-over-HTTP caller of the API at `url` (variables always, never queries built from strings). */
export function graphqlClient(url: string): TestApi['gql'] {
  return async (query, variables, headers = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
}

/** Boots the whole API on real PostgreSQL (a fresh database unless given one) and Redis, listening on a random port. */
export async function startTestApi(
  overrides: Record<string, string> = {},
  options: { schemaFile?: string; database?: TestDatabase } = {},
): Promise<TestApi> {
  const db = options.database ?? (await createTestDatabase());
  const config = loadConfig(testEnv(db.url, overrides));
  const logs = new LogCapture();
  const app = await createApi(config, { logStream: logs, schemaFile: options.schemaFile ?? true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    url,
    logs,
    db,
    dataSource: app.get<symbol, DataSource>(FORUM_DB),
    gql: graphqlClient(url),
    async close() {
      await app.close();
      await db.drop();
      await clearRedisPrefix(config.queuePrefix);
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` and returns the SQL statements the app's data source ran meanwhile whose text matches `pattern`. */
export async function statementsDuring(api: TestApi, fn: () => Promise<unknown>, pattern = /./): Promise<string[]> {
  const logger = api.dataSource.logger;
  const original = logger.logQuery;
  const seen: string[] = [];
  logger.logQuery = (...args: Parameters<typeof original>) => {
    if (pattern.test(args[0])) seen.push(args[0]);
    return original.apply(logger, args);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/** Runs `fn` and returns how many SQL statements the app's data source ran meanwhile. */
export async function countQueries(api: TestApi, fn: () => Promise<unknown>): Promise<number> {
  return (await statementsDuring(api, fn)).length;
}
