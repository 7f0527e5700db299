/**
 * Every queue and job of Unlinked, each job with its payload type. The worker
 * refuses to start unless every JobName has exactly one handler. Payloads
 * carry ids, not personal data; the one exception is the mail job (privacy
 * rule 7), which is removed as soon as it completes.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  PruneExpired = 'prune-expired',
}

export interface JobPayloads {
  [JobName.PruneExpired]: Record<string, never>;
}

/** Which queue carries each job. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.PruneExpired]: QueueName.Maintenance,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
