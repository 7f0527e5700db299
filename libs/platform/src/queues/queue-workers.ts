import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { runSides } from '@unlinked/config';
import { JobRegistry, jobsOf } from '@unlinked/jobs';
import { processQueues, queueStorage } from './queue-storage.js';
import { Worker } from 'bullmq';
import { watchConnection } from '../redis/connection-watch.js';
import { MetricsService } from '../operations/metrics.service.js';
import { bullConnection, bullPrefix } from '../redis/redis-client.js';
import { Cluster } from 'ioredis';

/**
 * Runs one BullMQ Worker per queue over the job registry. Workers get their
 * own connections with maxRetriesPerRequest: null and the offline queue on,
 * so they wait out a Redis restart and resume by themselves (producers, in
 * QueuesModule, fail fast instead). Shutdown waits for in-flight jobs.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  /** Cluster clients the workers were given (BullMQ does not close a client it was handed). */
  private readonly clusters: Cluster[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    // The worker refuses to start if a job name has no handler (duplicates throw at registration).
    this.registry.assertComplete(jobsOf(runSides(this.config.role)));
    for (const queue of processQueues(this.config)) {
      const storage = queueStorage(this.config, queue);
      const connection = bullConnection(storage, { maxRetriesPerRequest: null });
      if (connection instanceof Cluster) this.clusters.push(connection);
      const worker = new Worker(queue, (job) => this.registry.dispatch(job), {
        connection,
        prefix: bullPrefix(storage, queue),
        concurrency: this.config.operations.queueConcurrency[queue] ?? this.config.workerConcurrency,
        lockDuration: this.config.operations.workerLockDurationMs,
        stalledInterval: this.config.operations.workerStalledIntervalMs,
      });
      worker.on('completed', (job) => {
        this.metrics?.jobsCompleted.inc({ queue, job: job.name });
        if (job.processedOn && job.finishedOn) {
          this.metrics?.jobDuration.observe({ queue, job: job.name }, (job.finishedOn - job.processedOn) / 1000);
        }
      });
      worker.on('failed', (job, err) => {
        const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
        this.metrics?.jobsFailed.inc({ queue, job: job?.name ?? 'unknown', final: String(final) });
        this.logger.warn(
          { queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: { type: err.name } },
          'Job failed',
        );
      });
      // One line when the worker's Redis connection drops and one when it is back, not one per retry.
      watchConnection(worker, `worker:${queue}`, this.logger);
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    for (const client of this.clusters) client.disconnect();
  }
}
