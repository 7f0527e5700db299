import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, type SideStorage } from '@unlinked/config';
import { Cluster } from 'ioredis';
import { processQueues, queueStorage } from './queue-storage.js';
import type { Queue } from 'bullmq';
import { watchConnection } from '../redis/connection-watch.js';
import { bullConnection, bullPrefix, redisOptionsOf } from '../redis/redis-client.js';

const CLUSTER_CLIENTS = Symbol('QUEUE_CLUSTER_CLIENTS');

/**
 * Producer queues log one line when Redis goes away and one when it is back (no unhandled 'error' events). Cluster
 * clients, which BullMQ does not close, are disconnected once the queues are.
 */
@Injectable()
class QueueConnectionWatch implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLUSTER_CLIENTS) private readonly clusters: Cluster[],
  ) {}

  onModuleInit(): void {
    const logger = new Logger('Queues');
    for (const name of processQueues(this.config)) {
      watchConnection(this.modules.get<Queue>(getQueueToken(name), { strict: false }), `queue:${name}`, logger);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.clusters.length === 0) return;
    await Promise.all(
      processQueues(this.config).map((name) => this.modules.get<Queue>(getQueueToken(name), { strict: false }).close()),
    );
    for (const client of this.clusters) client.disconnect();
  }
}

/**
 * The producer queues of the sides this process runs (ROLE), each on its side's Redis and key prefix: a
 * one-side process never opens the other side's queues. enableOfflineQueue: false makes an add fail fast when Redis
 * is down instead of hanging the request. Workers open their own connections (queue-workers.ts).
 */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const clusters: Cluster[] = [];
    const connection = (storage: SideStorage) => {
      const made = bullConnection(storage, { enableOfflineQueue: false });
      if (made instanceof Cluster) clusters.push(made);
      return made;
    };
    return {
      module: QueuesModule,
      imports: [
        // The default of a queue registered without its own connection and prefix (every queue here names both).
        BullModule.forRoot({
          connection: { ...redisOptionsOf(config.redisUrl), maxRetriesPerRequest: null },
          prefix: config.queuePrefix,
        }),
        BullModule.registerQueue(
          ...processQueues(config).map((name) => ({
            name,
            connection: connection(queueStorage(config, name)),
            prefix: bullPrefix(queueStorage(config, name), name),
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
      providers: [{ provide: CLUSTER_CLIENTS, useValue: clusters }, QueueConnectionWatch],
      exports: [BullModule],
    };
  }
}
