import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, runSides, type AppConfig } from '@unlinked/config';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';

export const PRUNE_EVERY_MS = 15 * 60 * 1000;
export const ROTATE_EVERY_MS = 60 * 60 * 1000;

/**
 * Registers the repeatable maintenance jobs (idempotent: a scheduler is
 * upserted by id), at boot and again every SCHEDULER_RESYNC_MS: a Redis that
 * restarts without persistence loses its schedulers, and the outbox relay
 * must come back by itself when Redis does.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    // Only in a process that runs the forum side (ROLE).
    @Optional() @InjectQueue(QueueName.Publication) private readonly publication: Queue | undefined,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => {
      this.register().catch((err: Error) => this.logger.warn({ err: { type: err.name } }, 'Scheduler resync failed'));
    }, this.config.operations.schedulerResyncMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JobName.PruneExpired,
      { every: PRUNE_EVERY_MS },
      {
        name: JobName.PruneExpired,
        data: {},
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
    if (runSides(this.config.role).includes('identity')) {
      await this.queue.upsertJobScheduler(
        JobName.RotateEpochs,
        { every: ROTATE_EVERY_MS },
        { name: JobName.RotateEpochs, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
    if (!this.publication) return;
    // The publication outbox relay: moves committed content to delayed publish jobs.
    await this.publication.upsertJobScheduler(
      JobName.RelayOutbox,
      { every: this.config.forum.outboxRelayIntervalMs },
      {
        name: JobName.RelayOutbox,
        data: {},
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
    // The outbox sweep: re-sends relayed content whose job a Redis restart lost.
    await this.publication.upsertJobScheduler(
      JobName.SweepOutbox,
      { every: this.config.forum.outboxSweepIntervalMs },
      { name: JobName.SweepOutbox, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
