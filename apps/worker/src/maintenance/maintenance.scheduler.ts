import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';

export const PRUNE_EVERY_MS = 15 * 60 * 1000;
export const ROTATE_EVERY_MS = 60 * 60 * 1000;

/** Registers the repeatable maintenance jobs (idempotent: a scheduler is upserted by id). */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JobName.PruneExpired,
      { every: PRUNE_EVERY_MS },
      { name: JobName.PruneExpired, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.queue.upsertJobScheduler(
      JobName.RotateEpochs,
      { every: ROTATE_EVERY_MS },
      { name: JobName.RotateEpochs, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
