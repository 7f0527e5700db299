import { Module } from '@nestjs/common';
import { CompaniesModule } from '@unlinked/companies';
import { KeysModule } from '@unlinked/platform';
import { AccountsService } from './accounts/accounts.service.js';
import { AccountsView } from './accounts/accounts.view.js';
import { OptionalSessionGuard, SessionGuard } from './accounts/session.guard.js';
import { SessionsService } from './accounts/sessions.service.js';
import { AdminGuard, CompanyAdminResolver } from './admin/company-admin.resolver.js';
import { CompanyAdminService } from './admin/company-admin.service.js';
import { AttesterResolver } from './attester/attester.resolver.js';
import { AttesterService } from './attester/attester.service.js';
import { RateLimitsService } from './attester/rate-limits.service.js';
import { ArcIssuanceService } from './issuance/arc-issuance.service.js';
import { IssuanceReplays } from './issuance/issuance-replays.service.js';
import { IssuanceController } from './issuance/issuance.controller.js';
import { IssuanceResolver } from './issuance/issuance.resolver.js';
import { IssuanceService } from './issuance/issuance.service.js';
import { IssuerHostController, IssuerHostGuard } from './issuance/issuer-host.controller.js';
import { TokenEvaluator } from './issuance/token-evaluator.service.js';
import { IdentityDataModule } from './identity-data.module.js';
import { IdentityCompanyDirectory } from './internal/company-directory.source.js';
import { InternalController, InternalTokenGuard } from './internal/internal.controller.js';

/**
 * The identity side of the privacy line (privacy.md): attester (work-email
 * codes), accounts and sessions, issuer (quotas and blind evaluation).
 * Imports nothing from the anonymous side (forum/, moderation/).
 */
@Module({
  imports: [KeysModule, CompaniesModule.forSide('identity'), IdentityDataModule],
  controllers: [IssuanceController, IssuerHostController, InternalController],
  providers: [
    AccountsService,
    AccountsView,
    SessionsService,
    SessionGuard,
    OptionalSessionGuard,
    RateLimitsService,
    AttesterService,
    AttesterResolver,
    TokenEvaluator,
    IssuanceService,
    IssuanceReplays,
    ArcIssuanceService,
    IssuanceResolver,
    IssuerHostGuard,
    AdminGuard,
    CompanyAdminService,
    CompanyAdminResolver,
    IdentityCompanyDirectory,
    InternalTokenGuard,
  ],
  // Moderation authenticates staff (moderators, admins) through identity sessions; with split databases the
  // forum side copies the company directory from here (in one process; else over InternalController).
  exports: [SessionsService, IdentityCompanyDirectory],
})
export class IdentityModule {}
