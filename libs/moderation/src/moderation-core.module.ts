import { Module } from '@nestjs/common';
import { PublicationModule } from '@unlinked/forum';
import { CONTENT_GATEWAY } from './content/content-gateway.js';
import { SqlContentGateway } from './content/sql-content.gateway.js';
import { ModerationService } from './moderation.service.js';
import { DuplicateStore } from './screening/duplicate-store.js';
import { ScreeningPipeline } from './screening/screening.pipeline.js';
import { ScreeningService } from './screening/screening.service.js';

/** Moderation services shared by the API (resolvers) and the worker (screen and recount jobs). */
@Module({
  imports: [PublicationModule],
  providers: [
    { provide: CONTENT_GATEWAY, useClass: SqlContentGateway },
    ModerationService,
    DuplicateStore,
    ScreeningService,
    ScreeningPipeline,
  ],
  exports: [CONTENT_GATEWAY, ModerationService, ScreeningService, ScreeningPipeline],
})
export class ModerationCoreModule {}
