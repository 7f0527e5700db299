import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { JobRegistry } from '@unlinked/jobs';
import { MaintenanceScheduler } from './maintenance/maintenance.scheduler.js';
import { PruneService } from './maintenance/prune.service.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';

/**
 * Every BullMQ processor. Imported by the worker process, and by the API when
 * RUN_WORKERS is on so one process is enough in development.
 */
@Module({
  providers: [JobRegistry, PruneService, MaintenanceScheduler, MaintenanceProcessor],
  exports: [JobRegistry],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly registry: JobRegistry) {}

  /** The worker refuses to start if a job name has no handler (duplicates throw at registration). */
  onApplicationBootstrap(): void {
    this.registry.assertComplete();
  }
}
