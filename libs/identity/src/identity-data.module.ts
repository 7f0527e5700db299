import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts/accounts.repository.js';
import { SessionsRepository } from './accounts/sessions.repository.js';
import { VerifiedMembersRepository } from './accounts/verified-members.repository.js';
import { VerificationCodesRepository } from './attester/verification-codes.repository.js';
import { IssuanceCountsRepository } from './issuance/issuance-counts.repository.js';

const REPOSITORIES = [
  AccountsRepository,
  SessionsRepository,
  VerificationCodesRepository,
  IssuanceCountsRepository,
  VerifiedMembersRepository,
];

/**
 * The identity side's data access: one repository per aggregate, each the
 * only owner of its SQL. Shared by the API module and the worker module.
 */
@Module({
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class IdentityDataModule {}
