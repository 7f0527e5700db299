import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@unlinked/config';
import { IdentityWorkerModule, SessionsService, IdentityModule } from '@unlinked/identity';
import { PublicationWorkerModule, ForumModule } from '@unlinked/forum';
import { ModerationWorkerModule, ModerationModule } from '@unlinked/moderation';
import {
  QueueWorkersModule,
  ErrorsFilter,
  createValidationPipe,
  graphqlOptions,
  CoreModule,
  type CoreOptions,
  HealthModule,
  OperationsModule,
  StaffModule,
  REDIS,
} from '@unlinked/platform';
import type { Redis } from 'ioredis';
import { CompaniesModule } from '@unlinked/companies';
import { WebModule } from './web/web.module.js';

export interface ApiOptions extends CoreOptions {
  /** Write the generated schema here (true: in memory only). */
  schemaFile?: string | boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: ApiOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [REDIS],
          useFactory: (redis: Redis) => graphqlOptions(config, options.schemaFile, redis),
        }),
        HealthModule,
        StaffModule.forRoot({ module: IdentityModule, sessions: SessionsService }),
        OperationsModule,
        ModerationModule,
        CompaniesModule,
        WebModule,
        IdentityModule,
        ForumModule,
        // RUN_WORKERS: the worker's processors in this process too (one process in development).
        ...(config.runWorkers
          ? [QueueWorkersModule, IdentityWorkerModule, PublicationWorkerModule, ModerationWorkerModule]
          : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
