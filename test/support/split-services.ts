import { rmSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@unlinked/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { LogCapture } from './log-capture.js';
import { freePort } from './redis-server.js';
import { SmtpSink } from './smtp-sink.js';
import { clearRedisPrefix, graphqlClient, testEnv, type TestApi } from './test-app.js';
import { createSideDatabase, type TestDatabase } from './test-database.js';

/**
 * The split deployment of issue 15 (RFC 9576) for tests: an identity service (ROLE=identity) and a forum service
 * (ROLE=forum) as two API processes on two databases, each reachable only by its own login role.
 */
export interface Service {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  gql: TestApi['gql'];
}

/** Starts one service; `port` when the other service must know its URL before it listens (0: any). */
export async function startService(env: Record<string, string>, port = 0): Promise<Service> {
  const config = loadConfig(env);
  const app = await createApi(config, { logStream: new LogCapture(), schemaFile: true });
  await app.listen({ port, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    config,
    url,
    gql: graphqlClient(url),
  };
}

export const INTERNAL_API_TOKEN = 'split-deployment-test-internal-token-0123456789';

/**
 * Two side databases (each with its own login role), an SMTP sink, and one environment (one set of secrets, each
 * side's Redis prefix) for the services under test; `close` removes them all.
 */
export class SplitStorage {
  readonly smtp = new SmtpSink();
  identityDb!: TestDatabase & { role: string };
  forumDb!: TestDatabase & { role: string };
  env!: Record<string, string>;

  async open(): Promise<void> {
    await this.smtp.start();
    [this.identityDb, this.forumDb] = await Promise.all([createSideDatabase('identity'), createSideDatabase('forum')]);
    const env = testEnv(undefined, {
      SMTP_URL: this.smtp.url,
      RUN_WORKERS: 'true',
      BOARD_MIN_VERIFIED: '1',
      COMPANY_SYNC_INTERVAL_MS: '200',
    });
    this.env = { ...env, IDENTITY_QUEUE_PREFIX: `${env.QUEUE_PREFIX}id`, FORUM_QUEUE_PREFIX: `${env.QUEUE_PREFIX}fo` };
  }

  async close(...services: (Service | undefined)[]): Promise<void> {
    for (const service of services) await service?.app.close();
    await Promise.all([this.identityDb?.drop(), this.forumDb?.drop()]);
    for (const p of [this.env.IDENTITY_QUEUE_PREFIX, this.env.FORUM_QUEUE_PREFIX]) await clearRedisPrefix(p);
    rmSync(this.env.DATA_DIR, { recursive: true, force: true });
    await this.smtp.stop();
  }
}

/** A loopback port other than `taken`, free at the moment of asking. */
async function otherFreePort(taken: number): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port !== taken) return port;
  }
}

/**
 * The identity and forum services on their own origins, each knowing the other's public URL as a deployment sets
 * it: PUBLIC_URL is the forum's (`localhost`: issuer names are subdomains of it, which an IP address cannot have),
 * IDENTITY_PUBLIC_URL the identity service's (named in the forum's /.well-known/unlinked, and answering CORS for
 * the forum's origin). `shared` adds to both services' environment, `forumEnv` to the forum's.
 */
export async function startSplitServices(
  storage: SplitStorage,
  forumEnv: Record<string, string> = {},
  shared: Record<string, string> = {},
): Promise<{ identity: Service; forum: Service }> {
  const identityPort = await freePort();
  const forumPort = await otherFreePort(identityPort);
  const env = {
    ...storage.env,
    ...shared,
    INTERNAL_API_TOKEN,
    PUBLIC_URL: `http://localhost:${forumPort}`,
    IDENTITY_PUBLIC_URL: `http://127.0.0.1:${identityPort}`,
  };
  const identity = await startService(
    { ...env, ROLE: 'identity', IDENTITY_DATABASE_URL: storage.identityDb.url },
    identityPort,
  );
  const forum = await startService(
    {
      ...env,
      ...forumEnv,
      ROLE: 'forum',
      FORUM_DATABASE_URL: storage.forumDb.url,
      IDENTITY_INTERNAL_URL: identity.url,
    },
    forumPort,
  );
  return { identity, forum };
}
