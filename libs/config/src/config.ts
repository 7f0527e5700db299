import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './config.errors.js';
import { bool, int, oneOf, optional, str, url, urls, type Env } from './env-parsers.js';
import { loadModerationConfig, type ModerationConfig } from './moderation-config.js';
import { loadOperationsConfig, type OperationsConfig } from './operations-config.js';
import { loadSecrets, type Secrets } from './secrets.js';

/** Fastify's `trustProxy`: off, a hop count, or trusted proxy addresses/CIDRs. */
export type TrustProxy = false | number | readonly string[];

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The two sides of the privacy line (privacy.md rule 1, RFC 9576 roles): `identity` is the attester and
 * issuer, `forum` the origin (forum and moderation). `all` runs both in one process (the default).
 */
export type ServiceRole = 'all' | 'identity' | 'forum';
export type Side = 'identity' | 'forum';

/** Where one side keeps its data: its own PostgreSQL database (unset: PGlite) and its own Redis keys. */
export interface SideStorage {
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string;
  /** `redisUrl` names one node of a Redis Cluster (REDIS_CLUSTER): clients discover the rest from it. */
  readonly redisCluster: boolean;
  readonly queuePrefix: string;
  /**
   * Read replicas of `databaseUrl` (DATABASE_REPLICA_URLS): anonymous public reads go there, everything else to the
   * primary. Empty: no replication.
   */
  readonly databaseReplicaUrls: readonly string[];
}

export interface AppConfig {
  readonly env: NodeEnv;
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /**
   * Which forwarding headers to believe (Fastify `trustProxy`): false (the socket address is the
   * client), a hop count, or the addresses/CIDRs of the proxies in front of the API.
   */
  readonly trustProxy: TrustProxy;
  /** Public base URL of the API, used in issuer directories and mails. */
  readonly publicUrl: string;
  /** PUBLIC_URL was not set: `publicUrl` is the default `http://localhost:<PORT>`. */
  readonly publicUrlFromPort: boolean;
  /** Unset: embedded PGlite in `dataDir`. The default of both sides' databases. */
  readonly databaseUrl: string | undefined;
  /** Which sides this process runs (ROLE). */
  readonly role: ServiceRole;
  /** Each side's database and Redis keys (IDENTITY_* / FORUM_*, defaulting to the shared ones). */
  readonly storage: { readonly identity: SideStorage; readonly forum: SideStorage };
  /**
   * The two sides use different databases (split deployment, RFC 9576 §4.4). False: one database holds
   * both (one transaction-id counter and one WAL; docs/deployment.md says what that gives up).
   */
  readonly splitDatabases: boolean;
  /**
   * Split deployment: the identity service's internal base URL, from which a forum-only process copies the
   * public company directory; null when this process runs the identity side itself.
   */
  readonly identityInternalUrl: string | null;
  /**
   * The identity service's public base URL (IDENTITY_PUBLIC_URL), which the forum names to clients in
   * `/.well-known/unlinked` and the identity service answers CORS for; null: the same origin as the forum.
   */
  readonly identityPublicUrl: string | null;
  /**
   * Shared secret of the identity service's internal endpoints (company directory, staff sessions), sent by the
   * forum service as a bearer token; null: those endpoints are off.
   */
  readonly internalApiToken: string | null;
  /** How often the forum side copies the company directory from the identity side (split databases only). */
  readonly companySyncIntervalMs: number;
  readonly dataDir: string;
  /** Built web app served at `/` (SPA fallback); null: not served. */
  readonly webDistDir: string | null;
  readonly migrationsRun: boolean;
  readonly seedOnEmpty: boolean;
  /** Development only: demo salary reports for a few seeded companies, so the salary pages are not empty. */
  readonly seedDemoSalaries: boolean;
  readonly redisUrl: string;
  /** BullMQ key prefix; lets several instances (or test suites) share one Redis. */
  readonly queuePrefix: string;
  /** Run the BullMQ processors inside the API process. */
  readonly runWorkers: boolean;
  readonly workerConcurrency: number;
  readonly logLevel: LogLevel;
  readonly logPretty: boolean;
  /** Connection limits, so idle or slow clients cannot hold sockets for ever. */
  readonly http: {
    readonly idleTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly requestTimeoutMs: number;
  };
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
    readonly bodyLimitBytes: number;
    readonly introspection: boolean;
    /** Seconds an anonymous public read stays fresh in the shared Redis cache and at HTTP caches (0: off). */
    readonly readCacheSeconds: number;
    /** Seconds an HTTP cache may serve a stale public read while it revalidates (stale-while-revalidate). */
    readonly readCacheStaleSeconds: number;
  };
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Without SMTP_URL, mails are written here (development). */
  readonly mailOutboxDir: string;
  /** Development outbox: a mail file is deleted this many seconds after it is written (it dates a code request). */
  readonly mailOutboxTtlSeconds: number;
  /** Send attempts of a mail job, and the first backoff delay (doubling). */
  readonly mailAttempts: number;
  readonly mailBackoffMs: number;
  readonly identity: {
    /** One-time code lifetime. */
    readonly codeTtlMinutes: number;
    /** Wrong attempts before a code is void. */
    readonly codeMaxAttempts: number;
    /** A verification lasts this many months; then the member re-verifies to keep receiving tokens. */
    readonly verificationMonths: number;
    /** A session ends after this many days without use (counted in whole days). */
    readonly sessionIdleDays: number;
    /** A session ends this many days after it was created, used or not. */
    readonly sessionMaxDays: number;
    /** Code requests per normalized address per client per hour. */
    readonly codeRequestsPerAddressPerHour: number;
    /** Code requests per normalized address per hour, all clients together (bounds mail to one mailbox). */
    readonly codeRequestsPerAddressTotalPerHour: number;
    /** Identity operations (code requests and verifications) per client per hour. */
    readonly identityOpsPerClientPerHour: number;
    /** Code verifications per normalized address per client per hour (across codes). */
    readonly verifyAttemptsPerAddressPerHour: number;
    /** Wrong guesses on live codes per registrable domain per hour, all addresses and clients together. */
    readonly verifyFailuresPerDomainPerHour: number;
  };
  readonly issuance: {
    readonly epochDays: number;
    /** Post tokens (threads and replies) per account per epoch. Votes, flags and reviews use ARC credentials. */
    readonly postQuota: number;
    readonly maxBatch: number;
    /** Threads evaluating tokens off the event loop; 0 = in-process (tests, tiny hosts). */
    readonly threads: number;
    /**
     * Recoverable issuance: a request sent with an Idempotency-Key can be answered again (re-evaluated, never charged
     * twice) until the end of the next window of this many seconds, aligned to Unix time.
     */
    readonly replayWindowSeconds: number;
  };
  readonly anonymity: {
    /** A company board opens once this many accounts have verified (privacy rule 9). */
    readonly minVerifiedForBoard: number;
    /** Aggregates are shown only above this many reviews (privacy rule 9). */
    readonly minReviewsForAggregates: number;
    /** Salary aggregates of a group are shown only from this many published reports (privacy rule 9). */
    readonly minSalaryReports: number;
    /** Interview aggregates (a company's, a company and title's) are shown only from this many reports. */
    readonly minInterviewReports: number;
    /** Stored timestamps of anonymous content are floored to this bucket (privacy rule 5). */
    readonly timeBucketSeconds: number;
    readonly publishDelayMinSeconds: number;
    readonly publishDelayMaxSeconds: number;
    readonly editWindowMinutes: number;
  };
  readonly forum: {
    /** Minimum length (after cleaning) of a review's pros and cons. */
    readonly reviewTextMinLength: number;
    /** How often the worker moves publication outbox rows to the queue. */
    readonly outboxRelayIntervalMs: number;
    /** How often the worker re-enqueues relayed outbox rows past their due time whose job Redis lost. */
    readonly outboxSweepIntervalMs: number;
    /** Worker threads verifying tokens and ARC presentations (0: on the event loop). */
    readonly verifyThreads: number;
  };
  readonly moderation: ModerationConfig;
  /** Metrics, Bull Board, queue workers, scheduler. */
  readonly operations: OperationsConfig;
  readonly secrets: Secrets;
}

const DEV_DELAY = { min: 2, max: 10 };
const PROD_DELAY = { min: 60, max: 600 };

/** Parses and validates the environment once; the result is frozen. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const delay = production ? PROD_DELAY : DEV_DELAY;
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const redisUrl = url(env, 'REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379')!;
  const queuePrefix = str(env, 'QUEUE_PREFIX', 'unlinked');
  const redisCluster = bool(env, 'REDIS_CLUSTER', false);
  const replicaUrls = urls(env, 'DATABASE_REPLICA_URLS', ['postgres', 'postgresql']);
  const role = oneOf<ServiceRole>(env, 'ROLE', ['all', 'identity', 'forum'], 'all');
  const side = (name: 'IDENTITY' | 'FORUM'): SideStorage => {
    const sideDatabaseUrl = url(env, `${name}_DATABASE_URL`, ['postgres', 'postgresql']);
    return {
      databaseUrl: sideDatabaseUrl ?? databaseUrl,
      redisUrl: url(env, `${name}_REDIS_URL`, ['redis', 'rediss']) ?? redisUrl,
      redisCluster: bool(env, `${name}_REDIS_CLUSTER`, redisCluster),
      queuePrefix: str(env, `${name}_QUEUE_PREFIX`, queuePrefix),
      // A side on its own database has its own replicas; the shared ones replicate the shared DATABASE_URL.
      databaseReplicaUrls:
        env[`${name}_DATABASE_REPLICA_URLS`] !== undefined || sideDatabaseUrl !== undefined
          ? urls(env, `${name}_DATABASE_REPLICA_URLS`, ['postgres', 'postgresql'])
          : replicaUrls,
    };
  };
  const storage = { identity: side('IDENTITY'), forum: side('FORUM') };
  const publishDelayMinSeconds = int(env, 'PUBLISH_DELAY_MIN_SECONDS', delay.min, 0, 86400);
  // Fresh plus stale-while-revalidate fits in the shortest publication delay (half each by default).
  const readCacheSeconds = int(env, 'READ_CACHE_SECONDS', Math.floor(publishDelayMinSeconds / 2), 0, 86400);
  const config: AppConfig = {
    env: nodeEnv,
    production,
    host: str(env, 'HOST', '0.0.0.0'),
    port,
    trustProxy: trustProxy(env),
    publicUrl: url(env, 'PUBLIC_URL', ['http', 'https'], `http://localhost:${port}`)!.replace(/\/$/, ''),
    publicUrlFromPort: optional(env, 'PUBLIC_URL') === undefined,
    databaseUrl,
    role,
    storage,
    splitDatabases: storage.identity.databaseUrl !== storage.forum.databaseUrl,
    identityPublicUrl: url(env, 'IDENTITY_PUBLIC_URL', ['http', 'https'])?.replace(/\/$/, '') ?? null,
    identityInternalUrl: role === 'forum' ? (url(env, 'IDENTITY_INTERNAL_URL', ['http', 'https']) ?? null) : null,
    internalApiToken: optional(env, 'INTERNAL_API_TOKEN') ?? null,
    companySyncIntervalMs: int(env, 'COMPANY_SYNC_INTERVAL_MS', 60_000, 50, 86_400_000),
    dataDir,
    webDistDir:
      str(env, 'WEB_DIST_DIR', './apps/web/dist') === 'off'
        ? null
        : resolve(str(env, 'WEB_DIST_DIR', './apps/web/dist')),
    migrationsRun: bool(env, 'MIGRATIONS_RUN', !production),
    seedOnEmpty: bool(env, 'SEED_ON_EMPTY', !production),
    // Never in production, whatever the variable says.
    seedDemoSalaries: !production && bool(env, 'SEED_DEMO_SALARIES', nodeEnv === 'development'),
    redisUrl,
    queuePrefix,
    runWorkers: bool(env, 'RUN_WORKERS', !production),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 256),
    logLevel: oneOf<LogLevel>(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'warn' : 'info',
    ),
    logPretty: bool(env, 'LOG_PRETTY', nodeEnv === 'development'),
    http: {
      idleTimeoutMs: int(env, 'HTTP_IDLE_TIMEOUT_MS', 30_000, 100, 3_600_000),
      keepAliveTimeoutMs: int(env, 'HTTP_KEEPALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
      requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    },
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 1, 1000),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 5000, 10, 1_000_000),
      bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
      introspection: !production && bool(env, 'GRAPHQL_INTROSPECTION', true),
      readCacheSeconds,
      readCacheStaleSeconds: int(
        env,
        'READ_CACHE_STALE_SECONDS',
        Math.max(0, Math.min(readCacheSeconds, publishDelayMinSeconds - readCacheSeconds)),
        0,
        86400,
      ),
    },
    smtpUrl: url(env, 'SMTP_URL', ['smtp', 'smtps']),
    mailFrom: str(env, 'MAIL_FROM', 'Unlinked <no-reply@unlinked.localhost>'),
    mailOutboxDir: resolve(str(env, 'MAIL_OUTBOX_DIR', join(dataDir, 'outbox'))),
    mailOutboxTtlSeconds: int(env, 'MAIL_OUTBOX_TTL_SECONDS', 900, 1, 86400),
    mailAttempts: int(env, 'MAIL_ATTEMPTS', 5, 1, 50),
    mailBackoffMs: int(env, 'MAIL_BACKOFF_MS', 2000, 1, 3_600_000),
    identity: {
      codeTtlMinutes: int(env, 'CODE_TTL_MINUTES', 10, 1, 60),
      codeMaxAttempts: int(env, 'CODE_MAX_ATTEMPTS', 5, 1, 20),
      verificationMonths: int(env, 'VERIFICATION_MONTHS', 12, 1, 60),
      sessionIdleDays: int(env, 'SESSION_IDLE_DAYS', 30, 1, 365),
      sessionMaxDays: int(env, 'SESSION_MAX_DAYS', 90, 1, 730),
      codeRequestsPerAddressPerHour: int(env, 'RATE_CODE_REQUESTS_PER_ADDRESS', 5, 1, 10_000),
      codeRequestsPerAddressTotalPerHour: int(env, 'RATE_CODE_REQUESTS_PER_ADDRESS_TOTAL', 20, 1, 100_000),
      identityOpsPerClientPerHour: int(env, 'RATE_IDENTITY_OPS_PER_CLIENT', 60, 1, 1_000_000),
      verifyAttemptsPerAddressPerHour: int(env, 'RATE_VERIFY_PER_ADDRESS', 20, 1, 10_000),
      verifyFailuresPerDomainPerHour: int(env, 'RATE_VERIFY_PER_DOMAIN', 200, 1, 1_000_000),
    },
    issuance: {
      epochDays: int(env, 'EPOCH_DAYS', 30, 1, 365),
      postQuota: int(env, 'POST_TOKEN_QUOTA', 40, 0, 100_000),
      maxBatch: int(env, 'ISSUANCE_MAX_BATCH', 100, 1, 1000),
      threads: int(env, 'ISSUANCE_THREADS', availableParallelism(), 0, 256),
      replayWindowSeconds: int(env, 'ISSUANCE_REPLAY_WINDOW_SECONDS', 86400, 60, 30 * 86400),
    },
    anonymity: {
      // One developer alone can try the whole flow; everywhere else the crowd must reach K (rule 9).
      minVerifiedForBoard: int(env, 'BOARD_MIN_VERIFIED', nodeEnv === 'development' ? 1 : 10, 1, 1_000_000),
      minReviewsForAggregates: int(env, 'AGGREGATE_MIN_REVIEWS', 5, 1, 1_000_000),
      // Below 3, a median is one person's pay: never allow it.
      minSalaryReports: int(env, 'SALARY_MIN_REPORTS', 5, 3, 1_000_000),
      minInterviewReports: int(env, 'INTERVIEW_MIN_REPORTS', 5, 1, 1_000_000),
      timeBucketSeconds: int(env, 'TIME_BUCKET_SECONDS', 3600, 1, 7 * 86400),
      publishDelayMinSeconds,
      publishDelayMaxSeconds: int(env, 'PUBLISH_DELAY_MAX_SECONDS', delay.max, 0, 86400),
      editWindowMinutes: int(env, 'EDIT_WINDOW_MINUTES', 60, 0, 525600),
    },
    forum: {
      reviewTextMinLength: int(env, 'REVIEW_TEXT_MIN_LENGTH', 20, 1, 10_000),
      outboxRelayIntervalMs: int(env, 'OUTBOX_RELAY_INTERVAL_MS', 1000, 50, 3_600_000),
      verifyThreads: int(env, 'VERIFY_THREADS', availableParallelism(), 0, 256),
      outboxSweepIntervalMs: int(env, 'OUTBOX_SWEEP_INTERVAL_MS', 60_000, 50, 3_600_000),
    },
    moderation: loadModerationConfig(env, production),
    operations: loadOperationsConfig(env, nodeEnv),
    secrets: loadSecrets(env, production, dataDir, role === 'forum'),
  };
  if (config.anonymity.publishDelayMaxSeconds < config.anonymity.publishDelayMinSeconds) {
    throw new ConfigError('PUBLISH_DELAY_MAX_SECONDS', 'must not be below PUBLISH_DELAY_MIN_SECONDS');
  }
  if (config.graphql.readCacheSeconds + config.graphql.readCacheStaleSeconds > publishDelayMinSeconds) {
    throw new ConfigError(
      'READ_CACHE_SECONDS',
      'with READ_CACHE_STALE_SECONDS must not exceed PUBLISH_DELAY_MIN_SECONDS (a cached read may not hide content longer than the publication delay)',
    );
  }
  if (config.identity.sessionMaxDays < config.identity.sessionIdleDays) {
    throw new ConfigError('SESSION_MAX_DAYS', 'must not be below SESSION_IDLE_DAYS');
  }
  for (const s of runSides(role)) {
    if (production && storage[s].databaseUrl === undefined && !bool(env, 'ALLOW_PGLITE_IN_PRODUCTION', false)) {
      throw new ConfigError(
        'DATABASE_URL',
        `(or ${s.toUpperCase()}_DATABASE_URL) is required when NODE_ENV=production (PGlite is for development)`,
      );
    }
  }
  for (const s of runSides(role)) {
    if (storage[s].redisCluster && !['', '/', '/0'].includes(new URL(storage[s].redisUrl).pathname)) {
      throw new ConfigError(
        optional(env, `${s.toUpperCase()}_REDIS_URL`) ? `${s.toUpperCase()}_REDIS_URL` : 'REDIS_URL',
        'must name database 0 (no path) on a Redis Cluster, which has no other database',
      );
    }
    if (storage[s].databaseReplicaUrls.length > 0 && storage[s].databaseUrl === undefined) {
      throw new ConfigError(
        optional(env, `${s.toUpperCase()}_DATABASE_REPLICA_URLS`)
          ? `${s.toUpperCase()}_DATABASE_REPLICA_URLS`
          : 'DATABASE_REPLICA_URLS',
        'needs a PostgreSQL primary (DATABASE_URL): the embedded PGlite has no replicas',
      );
    }
  }
  if (role === 'forum' && config.splitDatabases && config.identityInternalUrl === null) {
    throw new ConfigError('IDENTITY_INTERNAL_URL', 'is required when ROLE=forum (the company directory comes from it)');
  }
  if (config.internalApiToken !== null && config.internalApiToken.length < 32) {
    throw new ConfigError('INTERNAL_API_TOKEN', 'must be at least 32 characters');
  }
  if (config.identityInternalUrl !== null && config.internalApiToken === null) {
    throw new ConfigError('INTERNAL_API_TOKEN', 'is required with IDENTITY_INTERNAL_URL');
  }
  const sameOrigin = (a: string, b: string) => new URL(a).origin === new URL(b).origin;
  if (
    production &&
    role !== 'all' &&
    (config.identityPublicUrl === null || sameOrigin(config.identityPublicUrl, config.publicUrl))
  ) {
    throw new ConfigError(
      'IDENTITY_PUBLIC_URL',
      `is required when ROLE=${role} in production, on another origin than PUBLIC_URL (clients reach the identity service there)`,
    );
  }
  return deepFreeze(config);
}

/** The sides a process with `role` runs. */
export function runSides(role: ServiceRole): Side[] {
  return role === 'all' ? ['identity', 'forum'] : [role];
}

/**
 * TRUST_PROXY: unset/`off`/`false` → believe no forwarding header; `n` → n proxy hops; otherwise a
 * comma-separated list of proxy addresses or CIDRs (or proxy-addr's `loopback`, `linklocal`, `uniquelocal`).
 */
function trustProxy(env: Env): TrustProxy {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === undefined || ['off', 'false', '0'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 1, 100);
  const entries = raw.split(',').map((s) => s.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    const keyword = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    if (!keyword && (family === 0 || !okBits || rest.length > 0)) {
      throw new ConfigError('TRUST_PROXY', `must be off, a hop count, or proxy addresses/CIDRs; got "${entry}"`);
    }
  }
  return entries;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object' && !ArrayBuffer.isView(inner)) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
