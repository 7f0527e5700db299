import { Module } from '@nestjs/common';
import { JobRegistry } from '@unlinked/jobs';
import { MailerService } from './mail/mailer.service.js';
import { IdentityMaintenanceService } from './maintenance/identity-maintenance.service.js';
import { ModerationCoreModule } from '../../api/src/moderation/moderation-core.module.js';
import { MaintenanceScheduler } from './maintenance/maintenance.scheduler.js';
import { PruneService } from './maintenance/prune.service.js';
import { MailProcessor } from './processors/mail.processor.js';
import { PublicationModule } from '../../api/src/forum/publication/publication.module.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { PublicationProcessor } from './processors/publication.processor.js';
import { ModerationProcessor } from './processors/moderation.processor.js';
import { QueueWorkers } from './queue-workers.js';

/**
 * Every queue processor. Imported by the worker process, and by the API when
 * RUN_WORKERS is on so that one process is enough in development.
 */
@Module({
  imports: [PublicationModule, ModerationCoreModule],
  providers: [
    ModerationProcessor,
    JobRegistry,
    QueueWorkers,
    PruneService,
    MaintenanceScheduler,
    MaintenanceProcessor,
    IdentityMaintenanceService,
    MailerService,
    MailProcessor,
    PublicationProcessor,
  ],
})
export class WorkerModule {}
