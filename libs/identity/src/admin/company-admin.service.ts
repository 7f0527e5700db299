import { Inject, Injectable } from '@nestjs/common';
import { CompaniesRepository, CompanyError, CompanyErrorCode } from '@unlinked/companies';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { CompanyStatus } from '@unlinked/db';
import { DataSource } from 'typeorm';
import { InjectIdentityDb } from '@unlinked/db/identity';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { VerifiedMembersRepository } from '../accounts/verified-members.repository.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';

function found(slug: string | null): string {
  if (slug === null) throw new CompanyError(CompanyErrorCode.NotFound);
  return slug;
}

/**
 * Admin upkeep of companies created from unknown domains: confirm, rename,
 * or merge a duplicate into another company (its domains and accounts move;
 * verified-member counts are recounted).
 */
@Injectable()
export class CompanyAdminService {
  constructor(
    @InjectIdentityDb() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly companies: CompaniesRepository,
    private readonly accounts: AccountsRepository,
    private readonly verifiedMembers: VerifiedMembersRepository,
  ) {}

  async confirm(slug: string): Promise<string> {
    return found(await this.companies.setStatus(slug, CompanyStatus.Confirmed));
  }

  async rename(slug: string, name: string): Promise<string> {
    return found(await this.companies.rename(slug, name));
  }

  async merge(fromSlug: string, intoSlug: string): Promise<string> {
    if (fromSlug === intoSlug) throw new IdentityError(IdentityErrorCode.Forbidden);
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.companies.lockBySlugs([fromSlug, intoSlug], tx);
      const from = rows.find((r) => r.slug === fromSlug);
      const into = rows.find((r) => r.slug === intoSlug);
      if (!from || !into) throw new CompanyError(CompanyErrorCode.NotFound);
      await this.companies.moveDomains(from.id, into.id, tx);
      await this.accounts.moveCompany(from.id, into.id, tx);
      await this.companies.delete(from.id, tx);
      await this.verifiedMembers.recount(into.id, this.config.identity.verificationMonths, tx);
      return into.slug;
    });
  }
}
