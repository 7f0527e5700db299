import type { SideStorage } from '@unlinked/config';
import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** A side's Redis: one server, or a Redis Cluster (REDIS_CLUSTER) reached through one of its nodes. */
export type RedisClient = Redis | Cluster;

type RedisPlace = Pick<SideStorage, 'redisUrl' | 'redisCluster'>;

/** ioredis options from a redis:// or rediss:// URL (host, port, credentials, database, TLS). */
export function redisOptionsOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * The one place a Redis client is made: `new Redis` on a single server, `new Cluster` seeded with the URL's node on a
 * cluster (the client learns the other nodes and the slot map from it; credentials and TLS apply to every node).
 * `options` are the single-server options; on a cluster the connection-level ones move to the cluster.
 */
export function openRedis(place: RedisPlace, options: RedisOptions = {}): RedisClient {
  const { host, port, db, ...connection } = redisOptionsOf(place.redisUrl);
  if (!place.redisCluster) return new Redis({ host, port, db, ...connection, ...options });
  const { enableOfflineQueue, lazyConnect, retryStrategy, ...perNode } = options;
  return new Cluster([{ host, port }], {
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy,
    // ioredis gives CLUSTER SLOTS 1 s; a busy node (or host) can take longer, which fails the whole connection.
    slotsRefreshTimeout: 5000,
    redisOptions: { ...connection, ...perNode },
  });
}

/**
 * A BullMQ connection: plain options on a single server (BullMQ opens and closes its own clients), a Cluster client on
 * a cluster (BullMQ takes cluster clients only as instances; the caller disconnects it after the queue or worker is
 * closed).
 */
export function bullConnection(
  place: RedisPlace,
  options: Pick<RedisOptions, 'enableOfflineQueue' | 'maxRetriesPerRequest'>,
): ConnectionOptions {
  if (!place.redisCluster) return { ...redisOptionsOf(place.redisUrl), ...options };
  return openRedis(place, options);
}

/**
 * BullMQ's key prefix of `queue`. On a cluster each queue's keys must share one hash slot (its Lua scripts touch
 * several keys at once), so the prefix carries a hash tag naming the queue: `{<prefix>:<queue>}:<queue>:…`, one slot
 * per queue, queues spread over the nodes.
 */
export function bullPrefix(storage: Pick<SideStorage, 'queuePrefix' | 'redisCluster'>, queue: string): string {
  return storage.redisCluster ? `{${storage.queuePrefix}:${queue}}` : storage.queuePrefix;
}
