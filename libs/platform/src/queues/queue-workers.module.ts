import { Global, Module } from '@nestjs/common';
import { JobRegistry } from '@unlinked/jobs';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor.js';
import { MaintenanceScheduler } from '../maintenance/maintenance.scheduler.js';
import { PruneService } from '../maintenance/prune.service.js';
import { QueueWorkers } from './queue-workers.js';

/**
 * Runs the queues: one job registry that every side's processors register into
 * (global, so side modules need not import it), the BullMQ workers over it, the
 * repeatable-job scheduler and the prune job. Each side adds its own
 * *WorkerModule beside this one.
 */
@Global()
@Module({
  providers: [JobRegistry, QueueWorkers, MaintenanceScheduler, PruneService, MaintenanceProcessor],
  exports: [JobRegistry],
})
export class QueueWorkersModule {}
