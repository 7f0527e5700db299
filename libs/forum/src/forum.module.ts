import { Module } from '@nestjs/common';
import { CompaniesModule } from '@unlinked/companies';
import { ReplyArcPeriodResolver, ReviewArcPeriodResolver, ThreadArcPeriodResolver } from './arc-period.resolver.js';
import { ActivityRepository } from './discovery/activity.repository.js';
import { DiscoveryResolver } from './discovery/discovery.resolver.js';
import { DiscoveryService } from './discovery/discovery.service.js';
import { EditGateService } from './edit-gate.service.js';
import { ForumCoreModule } from './forum-core.module.js';
import { ForumReadService } from './forum-read.service.js';
import {
  CompanyForumResolver,
  ForumReadsResolver,
  ForumWritesResolver,
  ThreadRepliesResolver,
} from './forum.resolver.js';
import { DemoInterviewsSeeder } from './interviews/demo-interviews.seeder.js';
import { CompanyInterviewsResolver, InterviewsResolver } from './interviews/interviews.resolver.js';
import { InterviewsReadService } from './interviews/interviews-read.service.js';
import { InterviewsService } from './interviews/interviews.service.js';
import { PostsService } from './posts.service.js';
import { ReviewsService } from './reviews.service.js';
import { SalariesModule } from './salaries/salaries.module.js';
import { VotesService } from './votes.service.js';

/**
 * The anonymous side's API (privacy rule 1: imports nothing from identity/).
 * Edits need an EDIT_SCREENER, which moderation provides globally.
 */
@Module({
  imports: [ForumCoreModule, SalariesModule, CompaniesModule.forSide('forum')],
  providers: [
    EditGateService,
    PostsService,
    ReviewsService,
    VotesService,
    ForumReadService,
    ForumWritesResolver,
    ForumReadsResolver,
    ThreadRepliesResolver,
    CompanyForumResolver,
    ThreadArcPeriodResolver,
    ReplyArcPeriodResolver,
    ReviewArcPeriodResolver,
    InterviewsService,
    InterviewsReadService,
    InterviewsResolver,
    CompanyInterviewsResolver,
    DemoInterviewsSeeder,
    ActivityRepository,
    DiscoveryService,
    DiscoveryResolver,
  ],
})
export class ForumModule {}
