import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { runSides, type AppConfig, type Side } from '@unlinked/config';
import { IdentityCompanyDirectory, IdentityWorkerModule, SessionsService, IdentityModule } from '@unlinked/identity';
import { CompanyReplicaModule, PublicationWorkerModule, ForumModule } from '@unlinked/forum';
import { ModerationWorkerModule, ModerationModule } from '@unlinked/moderation';
import {
  COMPANY_DIRECTORY_SOURCE,
  QueueWorkersModule,
  ErrorsFilter,
  createValidationPipe,
  graphqlOptions,
  CoreModule,
  type CoreOptions,
  HealthModule,
  InternalIdentityClient,
  OperationsModule,
  publicUrlCheckProvider,
  StaffModule,
  SIDE_REDIS,
  type RedisClient,
} from '@unlinked/platform';
import { CompaniesModule } from '@unlinked/companies';
import { WebModule } from './web/web.module.js';

export interface ApiOptions extends CoreOptions {
  /** Write the generated schema here (true: in memory only). */
  schemaFile?: string | boolean;
}

/**
 * Where the forum side's copy of the company directory comes from (split databases only): the identity side
 * in this process, or the identity service's internal endpoint (ROLE=forum).
 */
@Global()
@Module({})
class CompanyDirectorySourceModule {
  static forRoot(config: AppConfig): DynamicModule {
    const inProcess = runSides(config.role).includes('identity');
    return {
      module: CompanyDirectorySourceModule,
      imports: inProcess ? [IdentityModule] : [],
      providers: [
        inProcess
          ? { provide: COMPANY_DIRECTORY_SOURCE, useExisting: IdentityCompanyDirectory }
          : { provide: COMPANY_DIRECTORY_SOURCE, useFactory: () => new InternalIdentityClient(config) },
      ],
      exports: [COMPANY_DIRECTORY_SOURCE],
    };
  }
}

/**
 * The modules of the sides this process runs (ROLE): `identity` (attester + issuer), `forum` (origin: forum
 * and moderation), or `all` (the default). Each side's processors run here too with RUN_WORKERS.
 */
function sideModules(config: AppConfig) {
  const sides = runSides(config.role);
  const identity = sides.includes('identity');
  const forum = sides.includes('forum');
  const workers = config.runWorkers;
  return [
    // Moderators and admins act under their identity account: sessions in-process, or asked of the identity service.
    identity
      ? StaffModule.forRoot({ imports: [IdentityModule], sessions: SessionsService })
      : StaffModule.forRoot({ remote: (c) => new InternalIdentityClient(c) }),
    OperationsModule,
    ...(forum ? [ModerationModule] : []),
    // The public company queries, served from the forum's copy when the forum runs here.
    CompaniesModule.forSide(forum ? 'forum' : 'identity', { api: true }),
    WebModule,
    ...(identity ? [IdentityModule] : []),
    ...(forum ? [ForumModule] : []),
    ...(forum && config.splitDatabases ? [CompanyDirectorySourceModule.forRoot(config), CompanyReplicaModule] : []),
    ...(workers ? [QueueWorkersModule] : []),
    ...(workers && identity ? [IdentityWorkerModule] : []),
    ...(workers && forum ? [PublicationWorkerModule, ModerationWorkerModule] : []),
  ];
}

/** The side whose Redis holds the read cache: the forum's when it runs here (public reads are its data). */
function readSide(config: AppConfig): Side {
  return runSides(config.role).includes('forum') ? 'forum' : 'identity';
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
          // The read cache lives with the forum's data (its Redis and prefix) when the forum runs here.
          inject: [SIDE_REDIS[readSide(config)]],
          useFactory: (redis: RedisClient) =>
            graphqlOptions(config, options.schemaFile, redis, config.storage[readSide(config)].queuePrefix),
        }),
        HealthModule,
        ...sideModules(config),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        publicUrlCheckProvider(config),
      ],
    };
  }
}
