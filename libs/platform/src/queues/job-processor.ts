import { Inject, type OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE, JobRegistry, type JobHandler, type JobName, type QueueName } from '@unlinked/jobs';

export type Handlers = { [N in JobName]?: JobHandler<N> };

/**
 * One processor per queue. Each declares the handlers of its queue's jobs;
 * they go into the shared registry, which refuses duplicates and, at boot,
 * any job left without a handler. {@link QueueWorkers} runs them.
 */
export abstract class JobProcessor implements OnModuleInit {
  @Inject(JobRegistry) private readonly registry: JobRegistry;

  abstract readonly queue: QueueName;
  protected abstract handlers(): Handlers;

  onModuleInit(): void {
    for (const [name, handler] of Object.entries(this.handlers()) as [JobName, JobHandler<JobName>][]) {
      if (JOB_QUEUE[name] !== this.queue) throw new Error(`Job "${name}" does not belong to queue "${this.queue}"`);
      this.registry.register(name, handler);
    }
  }
}
