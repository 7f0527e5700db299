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
import { Redis } from 'ioredis';
import { watchConnection } from './connection-watch.js';

/** The identity side's request-time Redis client (IDENTITY_REDIS_URL; rate limits). */
export const IDENTITY_REDIS = Symbol('IDENTITY_REDIS');
/** The forum side's request-time Redis client (FORUM_REDIS_URL; duplicate store). */
export const FORUM_REDIS = Symbol('FORUM_REDIS');
export const SIDE_REDIS: Record<Side, symbol> = { identity: IDENTITY_REDIS, forum: FORUM_REDIS };

const CLIENTS = Symbol('REDIS_CLIENTS');

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(CLIENTS) private readonly clients: Redis[]) {}

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
    const clients = new Map<string, Redis>();
    const clientFor = (url: string): Redis => {
      let redis = clients.get(url);
      if (!redis) {
        redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
        watchConnection(redis, 'requests', new Logger('Redis'));
        clients.set(url, redis);
      }
      return redis;
    };
    const providers: Provider[] = sides.map((side) => ({
      provide: SIDE_REDIS[side],
      useFactory: () => clientFor(config.storage[side].redisUrl),
    }));
    providers.push(
      {
        provide: CLIENTS,
        inject: sides.map((side) => SIDE_REDIS[side]),
        useFactory: (...opened: Redis[]) => [...new Set(opened)],
      },
      RedisShutdown,
    );
    return { module: RedisModule, providers, exports: sides.map((side) => SIDE_REDIS[side]) };
  }
}
