import { Module } from '@nestjs/common';
import { CompaniesModule } from '@unlinked/companies';
import { KeysModule } from '@unlinked/platform';
import { CompanyGateService } from './company-gate.service.js';
import { InterviewStatsRepository } from './interviews/interview-stats.repository.js';
import { InterviewsRepository } from './interviews/interviews.repository.js';
import { PublicationService } from './publication/publication.service.js';
import { ArcRedemptionService } from './redemption/arc-redemption.service.js';
import { TokenRedemptionService } from './redemption/token-redemption.service.js';
import { TokenVerifier } from './redemption/token-verifier.service.js';
import { BoardsRepository } from './repositories/boards.repository.js';
import { CompanyDirectoryRepository } from './repositories/company-directory.repository.js';
import { ContentRepository } from './repositories/content.repository.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { PendingRevisionsRepository } from './repositories/pending-revisions.repository.js';
import { RepliesRepository } from './repositories/replies.repository.js';
import { ReviewStatsRepository } from './repositories/review-stats.repository.js';
import { ReviewsRepository } from './repositories/reviews.repository.js';
import { SpentArcTagsRepository } from './repositories/spent-arc-tags.repository.js';
import { SpentTokensRepository } from './repositories/spent-tokens.repository.js';
import { ThreadsRepository } from './repositories/threads.repository.js';
import { VotesRepository } from './repositories/votes.repository.js';
import { SalaryGroupsRepository } from './salaries/salary-groups.repository.js';
import { SalaryReportsRepository } from './salaries/salary-reports.repository.js';

const SHARED = [
  InterviewsRepository,
  InterviewStatsRepository,
  BoardsRepository,
  CompanyDirectoryRepository,
  ContentRepository,
  OutboxRepository,
  PendingRevisionsRepository,
  RepliesRepository,
  ReviewStatsRepository,
  ReviewsRepository,
  SpentTokensRepository,
  SpentArcTagsRepository,
  ThreadsRepository,
  VotesRepository,
  SalaryGroupsRepository,
  SalaryReportsRepository,
  CompanyGateService,
  TokenVerifier,
  TokenRedemptionService,
  ArcRedemptionService,
  PublicationService,
];

/**
 * The anonymous side's data access (one repository per aggregate, each owning
 * its SQL) and the services every anonymous write or publication needs: the
 * company gate, token and ARC redemption and the one publish path. Shared by the
 * forum API, the publication worker and moderation.
 */
@Module({ imports: [KeysModule, CompaniesModule.forSide('forum')], providers: SHARED, exports: SHARED })
export class ForumCoreModule {}
