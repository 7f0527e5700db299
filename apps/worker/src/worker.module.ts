import { Module } from '@nestjs/common';
import { JobRegistry } from '@unlinked/jobs';
import { MaintenanceScheduler } from './maintenance/maintenance.scheduler.js';
import { PruneService } from './maintenance/prune.service.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { QueueWorkers } from './queue-workers.js';

/**
 * Every queue processor. Imported by the worker process, and by the API when
 * RUN_WORKERS is on so that one process is enough in development.
 */
@Module({
  providers: [JobRegistry, QueueWorkers, PruneService, MaintenanceScheduler, MaintenanceProcessor],
})
export class WorkerModule {}
