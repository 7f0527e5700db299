import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { runSides, type AppConfig, type Side } from '@unlinked/config';
import { watchConnection } from './connection-watch.js';
import { openRedis, type RedisClient } from './redis-client.js';

/** The identity side's request-time Redis client (IDENTITY_REDIS_URL; rate limits), a RedisClient. */
export const IDENTITY_REDIS = Symbol('IDENTITY_REDIS');
/** The forum side's request-time Redis client (FORUM_REDIS_URL; duplicate store, read cache), a RedisClient. */
export const FORUM_REDIS = Symbol('FORUM_REDIS');
export const SIDE_REDIS: Record<Side, symbol> = { identity: IDENTITY_REDIS, forum: FORUM_REDIS };

const CLIENTS = Symbol('REDIS_CLIENTS');

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(CLIENTS) private readonly clients: RedisClient[]) {}

  onApplicationShutdown(): void {
    for (const client of this.clients) client.disconnect();
  }
}

/**
 * One Redis client per side this process runs, for request-time work (rate limits, duplicate store,
 * readiness); sides on the same Redis URL share one client. enableOfflineQueue: false makes calls fail fast
 * when Redis is down instead of queueing in memory.
 */
@Global()
@Module({})
export class RedisModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sides = runSides(config.role);
    const clients = new Map<string, RedisClient>();
    const clientFor = (side: Side): RedisClient => {
      const { redisUrl, redisCluster } = config.storage[side];
      const key = `${redisCluster} ${redisUrl}`;
      let redis = clients.get(key);
      if (!redis) {
        redis = openRedis(config.storage[side], {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          lazyConnect: false,
        });
        watchConnection(redis, 'requests', new Logger('Redis'));
        clients.set(key, redis);
      }
      return redis;
    };
    const providers: Provider[] = sides.map((side) => ({
      provide: SIDE_REDIS[side],
      useFactory: () => clientFor(side),
    }));
    providers.push(
      {
        provide: CLIENTS,
        inject: sides.map((side) => SIDE_REDIS[side]),
        useFactory: (...opened: RedisClient[]) => [...new Set(opened)],
      },
      RedisShutdown,
    );
    return { module: RedisModule, providers, exports: sides.map((side) => SIDE_REDIS[side]) };
  }
}
