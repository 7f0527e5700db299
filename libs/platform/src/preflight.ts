import { runSides, type AppConfig } from '@unlinked/config';
import { openRedis } from './redis/redis-client.js';
import pg from 'pg';

const TIMEOUT_MS = 3000;

/** Where the URL points, without credentials (never print a password). */
function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

async function redisProblem(url: string, cluster: boolean): Promise<string | undefined> {
  const redis = openRedis(
    { redisUrl: url, redisCluster: cluster },
    {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: TIMEOUT_MS,
    },
  );
  redis.on('error', () => undefined); // reported below, once
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch {
    return (
      `Redis is not answering at ${where(url)} (REDIS_URL). ` +
      'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'
    );
  } finally {
    redis.disconnect();
  }
}

async function postgresProblem(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason = code === '3D000' ? 'the database does not exist' : 'it is not answering';
    return (
      `PostgreSQL at ${where(url)} (DATABASE_URL): ${reason}. ` +
      'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
      '(or unset DATABASE_URL to use the embedded database)'
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The services a process needs, checked once before it boots: each missing one is named in one line with how to
 * start it, instead of a flood of reconnect stack traces. Empty when all answer.
 */
export async function missingServices(
  config: Pick<AppConfig, 'redisUrl' | 'databaseUrl'> & { redisCluster?: boolean },
  options: { database?: boolean } = {},
): Promise<string[]> {
  const problems = await Promise.all([
    redisProblem(config.redisUrl, config.redisCluster ?? false),
    options.database !== false && config.databaseUrl ? postgresProblem(config.databaseUrl) : undefined,
  ]);
  return problems.filter((p): p is string => p !== undefined);
}

/** For entry points: print each missing service (of each side the process runs) in one line and exit 1. */
export async function exitIfServicesMissing(config: Pick<AppConfig, 'role' | 'storage'>): Promise<void> {
  const sides = runSides(config.role).map((side) => config.storage[side]);
  const checks = [...new Map(sides.map((s) => [`${s.redisUrl} ${s.redisCluster} ${s.databaseUrl}`, s])).values()];
  const problems = [...new Set((await Promise.all(checks.map((s) => missingServices(s)))).flat())];
  if (problems.length === 0) return;
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exit(1);
}
