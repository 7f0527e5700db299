import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { processQueues, queueStorage } from './queue-storage.js';
import type { Queue } from 'bullmq';
import { watchConnection } from '../redis/connection-watch.js';

/** ioredis options from a redis:// URL, for BullMQ (which opens its own connections). */
export function redisConnection(url: string) {
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
 * Every queue, for producers: enableOfflineQueue: false makes an add fail
 * fast when Redis is down instead of hanging the request. Workers open their
 * own connections (queue-workers.ts).
 */
/** Producer queues log one line when Redis goes away and one when it is back (no unhandled 'error' events). */
@Injectable()
class QueueConnectionWatch implements OnModuleInit {
  constructor(
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const logger = new Logger('Queues');
    for (const name of processQueues(this.config)) {
      watchConnection(this.modules.get<Queue>(getQueueToken(name), { strict: false }), `queue:${name}`, logger);
    }
  }
}

/**
 * The producer queues of the sides this process runs (ROLE), each on its side's Redis and key prefix: a
 * one-side process never opens the other side's queues.
 */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRoot({
          connection: { ...redisConnection(config.redisUrl), maxRetriesPerRequest: null },
          prefix: config.queuePrefix,
        }),
        BullModule.registerQueue(
          ...processQueues(config).map((name) => ({
            name,
            connection: { ...redisConnection(queueStorage(config, name).redisUrl), enableOfflineQueue: false },
            prefix: queueStorage(config, name).queuePrefix,
            // BullMQ's default keeps 10,000 events per queue, each stream id a millisecond time (privacy rule 5).
            streams: { events: { maxLen: config.operations.queueEventsMaxLen } },
            defaultJobOptions: {
              attempts: 5,
              backoff: { type: 'exponential' as const, delay: 1000 },
              removeOnComplete: { age: 3600, count: 1000 },
              removeOnFail: { age: 7 * 86400 },
            },
          })),
        ),
      ],
      providers: [QueueConnectionWatch],
      exports: [BullModule],
    };
  }
}
