import type { Job } from 'bullmq';
import { ALL_JOB_NAMES, type JobName, type JobPayloads } from './jobs.js';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<unknown>;

export class JobRegistryError extends Error {
  override name = 'JobRegistryError';
}

/**
 * Maps job names to handlers. Registering a name twice throws at once, and
 * {@link assertComplete} throws at boot if a name has no handler, so a worker
 * never starts with a job it cannot run.
 */
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new JobRegistryError(`Job "${name}" has two handlers`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  assertComplete(expected: readonly JobName[] = ALL_JOB_NAMES): void {
    const missing = expected.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new JobRegistryError(`No handler for job(s): ${missing.join(', ')}`);
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new JobRegistryError(`No handler for job "${job.name}"`);
    return handler(job.data as never, job as never);
  }
}
