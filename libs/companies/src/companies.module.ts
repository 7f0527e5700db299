import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Side } from '@unlinked/config';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import { COMPANIES_DB, CompaniesRepository } from './companies.repository.js';
import { CompaniesResolver } from './companies.resolver.js';
import { CompaniesService } from './companies.service.js';

/**
 * The public company directory, on the database of the side that imports it: each side has its own copy
 * (the identity side owns it; the forum's is copied from it when the databases are split). `api` adds the
 * GraphQL queries; the app imports that once, on the side it serves them from.
 */
@Module({})
export class CompaniesModule {
  static forSide(side: Side, options: { api?: boolean } = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: COMPANIES_DB, useExisting: side === 'identity' ? IDENTITY_DB : FORUM_DB },
      CompaniesRepository,
      CompaniesService,
      ...(options.api ? [CompaniesResolver] : []),
    ];
    return { module: CompaniesModule, providers, exports: [CompaniesService, CompaniesRepository] };
  }
}
