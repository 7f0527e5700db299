import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { AccountRole } from '@unlinked/db/identity';
import type { Account } from '../models/account.model.js';

/** Maps account rows and sessions to the GraphQL Account. */
@Injectable()
export class AccountsView {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  verifiedUntil(verifiedOn: string): string {
    const d = new Date(`${verifiedOn}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + this.config.identity.verificationMonths);
    return d.toISOString().slice(0, 10);
  }

  toModel(a: { companyId: string; role: AccountRole; verifiedOn: string }): Account {
    return {
      companyId: a.companyId,
      role: a.role,
      verifiedOn: a.verifiedOn,
      verifiedUntil: this.verifiedUntil(a.verifiedOn),
    };
  }
}
