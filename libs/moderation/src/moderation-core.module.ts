import { Module } from '@nestjs/common';
import { PublicationModule } from '@unlinked/forum';
import { CONTENT_GATEWAY } from './content/content-gateway.js';
import { ForumContentGateway } from './content/forum-content.gateway.js';
import { ModerationService } from './moderation.service.js';
import { FlagsRepository } from './repositories/flags.repository.js';
import { ModerationAuditRepository } from './repositories/moderation-audit.repository.js';
import { ModerationItemsRepository } from './repositories/moderation-items.repository.js';
import { DuplicateStore } from './screening/duplicate-store.js';
import { ScreeningPipeline } from './screening/screening.pipeline.js';
import { ScreeningService } from './screening/screening.service.js';

/** Moderation services and repositories shared by the API (resolvers) and the worker (screen and recount jobs). */
@Module({
  imports: [PublicationModule],
  providers: [
    { provide: CONTENT_GATEWAY, useClass: ForumContentGateway },
    ModerationService,
    ModerationItemsRepository,
    FlagsRepository,
    ModerationAuditRepository,
    DuplicateStore,
    ScreeningService,
    ScreeningPipeline,
  ],
  exports: [
    PublicationModule,
    CONTENT_GATEWAY,
    ModerationService,
    ModerationItemsRepository,
    FlagsRepository,
    ModerationAuditRepository,
    ScreeningService,
    ScreeningPipeline,
  ],
})
export class ModerationCoreModule {}
