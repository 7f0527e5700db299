import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@unlinked/config';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { ErrorsFilter } from './common/errors/errors.filter.js';
import { createValidationPipe } from './common/errors/validation.pipe.js';
import { graphqlOptions } from './common/graphql/graphql.options.js';
import { CompaniesModule } from './companies/companies.module.js';
import { CoreModule, type CoreOptions } from './core.module.js';
import { ForumModule } from './forum/forum.module.js';
import { HealthModule } from './health/health.module.js';
import { WebModule } from './web/web.module.js';
import { SessionsService } from './identity/accounts/sessions.service.js';
import { IdentityModule } from './identity/identity.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { StaffModule } from './common/staff/staff.module.js';

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
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          ...graphqlOptions(config, options.schemaFile),
        }),
        HealthModule,
        StaffModule.forRoot({ module: IdentityModule, sessions: SessionsService }),
        OperationsModule,
        ModerationModule,
        CompaniesModule,
        WebModule,
        IdentityModule,
        ForumModule,
        ...(config.runWorkers ? [WorkerModule] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
