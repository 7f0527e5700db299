import { Inject, Injectable } from '@nestjs/common';
import { CompaniesRepository } from '@unlinked/companies';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { EntityManager } from 'typeorm';
import type { WorkAddress } from '../attester/email-address.js';
import { AccountsRepository, type AccountRow } from './accounts.repository.js';
import { VerifiedMembersRepository } from './verified-members.repository.js';

export type { AccountRow } from './accounts.repository.js';

/** "acme" → "Acme"; punycode labels are shown in Unicode. */
function nameFromLabel(label: string): string {
  const words = label.split(/[-_]+/).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') || label;
}

function slugFromDomain(registrable: string): string {
  return registrable.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'company';
}

/** Accounts and the domain → company mapping (identity side). */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsRepository,
    private readonly companies: CompaniesRepository,
    private readonly verifiedMembers: VerifiedMembersRepository,
  ) {}

  /**
   * The company of an address: by its exact host, then by its registrable
   * domain. An unknown corporate domain creates an unconfirmed company named
   * after the domain, which an admin can confirm, rename or merge.
   */
  async companyForAddress(tx: EntityManager, address: WorkAddress): Promise<string> {
    const found = await this.companies.findIdByDomain([address.domain, address.registrableDomain], tx);
    if (found) return found;
    const base = slugFromDomain(address.registrableDomain);
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
      const created = await this.companies.insertUnconfirmed(tx, {
        slug,
        name: nameFromLabel(address.domainLabel).slice(0, 200),
        domain: address.registrableDomain,
      });
      if (created) return created;
      // Someone else created the domain meanwhile: use theirs.
      const again = await this.companies.findIdByDomain([address.registrableDomain], tx);
      if (again) return again;
    }
    throw new Error('Could not allocate a company slug');
  }

  /**
   * Creates or re-verifies the account of an address HMAC, dated today.
   * verified_members of the company grows when the account is new, or its
   * last verification had lapsed, or it moved company.
   */
  async verify(tx: EntityManager, emailHmac: Buffer, companyId: string): Promise<AccountRow> {
    const inserted = await this.accounts.insertIfNew(emailHmac, companyId, tx);
    if (inserted) {
      await this.verifiedMembers.bump(companyId, 1, tx);
      return inserted;
    }
    const prev = (await this.accounts.lockByEmailHmac(emailHmac, this.config.identity.verificationMonths, tx))!;
    const updated = await this.accounts.reverify(prev.id, companyId, tx);
    if (prev.companyId !== companyId) {
      if (prev.active) await this.verifiedMembers.bump(prev.companyId, -1, tx);
      await this.verifiedMembers.bump(companyId, 1, tx);
    } else if (!prev.active) {
      await this.verifiedMembers.bump(companyId, 1, tx);
    }
    return updated;
  }
}
