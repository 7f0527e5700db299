import { WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { JOB_QUEUE, JobRegistry, type JobHandler, type JobName, type QueueName } from '@unlinked/jobs';
import type { Job } from 'bullmq';

export type Handlers = { [N in JobName]?: JobHandler<N> };

/**
 * One processor per queue. Each declares the handlers of its queue's jobs;
 * they go into the shared registry, which refuses duplicates and, at boot,
 * any job left without a handler.
 */
export abstract class JobProcessor extends WorkerHost implements OnModuleInit {
  @Inject(JobRegistry) private readonly registry: JobRegistry;
  @Inject(APP_CONFIG) private readonly appConfig: AppConfig;

  protected abstract readonly queue: QueueName;
  protected abstract handlers(): Handlers;

  onModuleInit(): void {
    for (const [name, handler] of Object.entries(this.handlers()) as [JobName, JobHandler<JobName>][]) {
      if (JOB_QUEUE[name] !== this.queue) throw new Error(`Job "${name}" does not belong to queue "${this.queue}"`);
      this.registry.register(name, handler);
    }
    this.worker.concurrency = this.appConfig.workerConcurrency;
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(job);
  }
}
