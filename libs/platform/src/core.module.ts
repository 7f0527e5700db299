import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '@unlinked/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DatabaseModule } from './database/database.module.js';
import { LogTalliesModule } from './logging/log-tally.js';
import { loggerOptions } from './logging/logger.options.js';
import { RedisModule } from './redis/redis.module.js';
import { MetricsModule } from './operations/metrics.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { SeedOnBoot } from './seed-on-boot.js';

export interface CoreOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/** What both the API and the worker stand on: config, logs, database, Redis, queues. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, options.logStream)),
        LogTalliesModule,
        DatabaseModule.forRoot(config),
        RedisModule.forRoot(config),
        QueuesModule.forRoot(config),
        MetricsModule,
      ],
      providers: [SeedOnBoot],
    };
  }
}
