import { Module } from '@nestjs/common';
import { CompanyGateService, TokenRedemptionService } from '@unlinked/forum';
import { KeysModule } from '@unlinked/platform';
import { FlagsService } from './flags.service.js';
import { AuthorModerationService } from './author/author-moderation.service.js';
import { ModerationCoreModule } from './moderation-core.module.js';
import { ModerationQueueService } from './moderation-queue.service.js';
import { ModerationResolver } from './moderation.resolver.js';

/** Moderation's GraphQL API: the moderator queue and decisions, the public log, authors' status and appeals. */
@Module({
  imports: [ModerationCoreModule, KeysModule],
  providers: [
    ModerationResolver,
    ModerationQueueService,
    AuthorModerationService,
    FlagsService,
    CompanyGateService,
    TokenRedemptionService,
  ],
})
export class ModerationModule {}
