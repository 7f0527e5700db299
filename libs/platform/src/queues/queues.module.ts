import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ALL_QUEUE_NAMES } from '@unlinked/jobs';

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
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { ...redisConnection(config.redisUrl), maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueueAsync(
      ...ALL_QUEUE_NAMES.map((name) => ({
        name,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => ({
          connection: { ...redisConnection(config.redisUrl), enableOfflineQueue: false },
          prefix: config.queuePrefix,
          defaultJobOptions: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: { age: 3600, count: 1000 },
            removeOnFail: { age: 7 * 86400 },
          },
        }),
      })),
    ),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
