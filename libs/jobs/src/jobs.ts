/**
 * Every queue and job of Unlinked, each job with its payload type. The worker
 * refuses to start unless every JobName has exactly one handler. Payloads
 * carry ids, not personal data; the one exception is the mail job (privacy
 * rule 7), which is removed as soon as it completes.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Moderation = 'moderation',
}

export enum JobName {
  PruneExpired = 'prune-expired',
  /** Screens one piece of content before publication (publish, hold or reject); idempotent per content. */
  ScreenContent = 'screen-content',
  /** Recounts an item's flags and hides it at the threshold; idempotent (a sum, not an increment). */
  RecountFlags = 'recount-flags',
}

export interface JobPayloads {
  [JobName.PruneExpired]: Record<string, never>;
  [JobName.ScreenContent]: { contentType: 'thread' | 'reply' | 'review'; contentId: string };
  [JobName.RecountFlags]: { itemId: string };
}

/** Which queue carries each job. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.PruneExpired]: QueueName.Maintenance,
  [JobName.ScreenContent]: QueueName.Moderation,
  [JobName.RecountFlags]: QueueName.Moderation,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
