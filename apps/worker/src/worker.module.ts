import { Module } from '@nestjs/common';
import { JobRegistry } from '@unlinked/jobs';
import { ModerationCoreModule } from '../../api/src/moderation/moderation-core.module.js';
import { MaintenanceScheduler } from './maintenance/maintenance.scheduler.js';
import { PruneService } from './maintenance/prune.service.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { ModerationProcessor } from './processors/moderation.processor.js';
import { QueueWorkers } from './queue-workers.js';

/**
 * Every queue processor. Imported by the worker process, and by the API when
 * RUN_WORKERS is on so that one process is enough in development.
 */
@Module({
  imports: [ModerationCoreModule],
  providers: [JobRegistry, QueueWorkers, PruneService, MaintenanceScheduler, MaintenanceProcessor, ModerationProcessor],
})
export class WorkerModule {}
