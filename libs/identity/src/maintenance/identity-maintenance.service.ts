import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { VerifiedMembersRepository } from '../accounts/verified-members.repository.js';
import { IssuanceCountsRepository } from '../issuance/issuance-counts.repository.js';

/**
 * Identity-side upkeep. Issuer keys are derived per epoch (libs/platform/src/keys),
 * so rotating is implicit: this job retires the counts of keys that no longer
 * issue or limit a quota, and recounts each company's verified members from
 * accounts verified within the verification period.
 */
@Injectable()
export class IdentityMaintenanceService {
  private readonly logger = new Logger(IdentityMaintenanceService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counts: IssuanceCountsRepository,
    private readonly verifiedMembers: VerifiedMembersRepository,
  ) {}

  async rotate(): Promise<{
    retiredCounts: number;
    companiesRecounted: number;
  }> {
    const retiredCounts = await this.counts.deleteRetired();
    const companiesRecounted = await this.verifiedMembers.recountAll(this.config.identity.verificationMonths);
    this.logger.log({ retiredCounts, companiesRecounted }, 'Rotated issuance epochs');
    return { retiredCounts, companiesRecounted };
  }
}
