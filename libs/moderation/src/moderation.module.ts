import { Module } from '@nestjs/common';
import { FlagsService } from './flags.service.js';
import { AuthorModerationService } from './author/author-moderation.service.js';
import { ModerationCoreModule } from './moderation-core.module.js';
import { ModerationQueueService } from './moderation-queue.service.js';
import { ModerationResolver } from './moderation.resolver.js';
import { EditScreeningModule } from './screening/edit-screener.js';

/** Moderation's GraphQL API: the moderator queue and decisions, the public log, authors' status and appeals. */
@Module({
  imports: [ModerationCoreModule, EditScreeningModule],
  providers: [ModerationResolver, ModerationQueueService, AuthorModerationService, FlagsService],
})
export class ModerationModule {}
