/**
 * Every queue and job of Unlinked, each job with its payload type. The worker
 * refuses to start unless every JobName has exactly one handler. Payloads
 * carry ids, not personal data; the one exception is the mail job (privacy
 * rule 7), which is removed as soon as it completes.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Mail = 'mail',
  Publication = 'publication',
  Moderation = 'moderation',
}

export enum JobName {
  PruneExpired = 'prune-expired',
  /** Identity side: retires issuance counts of retired keys, warms current keys, recounts verified members. */
  RotateEpochs = 'rotate-epochs',
  /** Identity side: the one job that holds a raw address (privacy rule 7); removed on completion. */
  SendVerificationCode = 'send-verification-code',
  /** Moves publication outbox rows to delayed PublishContent jobs (repeatable). */
  RelayOutbox = 'relay-outbox',
  /**
   * Re-enqueues relayed outbox rows past their due time whose screening or
   * publication job Redis lost (repeatable). Job id = outbox id, so it never
   * duplicates a job that still exists.
   */
  SweepOutbox = 'sweep-outbox',
  /** Publishes one piece of anonymous content; job id = outbox id, so it runs once. */
  PublishContent = 'publish-content',
  /** Screens one piece of content before publication (publish, hold or reject); idempotent per content. Job id = outbox id. */
  ScreenContent = 'screen-content',
  /** Recounts an item's flags and hides it at the threshold; idempotent (a sum, not an increment). */
  RecountFlags = 'recount-flags',
}

export interface JobPayloads {
  [JobName.PruneExpired]: Record<string, never>;
  [JobName.RotateEpochs]: Record<string, never>;
  [JobName.SendVerificationCode]: { to: string; code: string };
  [JobName.RelayOutbox]: Record<string, never>;
  [JobName.SweepOutbox]: Record<string, never>;
  [JobName.PublishContent]: {
    outboxId: string;
    contentType: 'thread' | 'reply' | 'review' | 'salary' | 'interview';
    contentId: string;
  };
  /** From the outbox relay: outboxId and the drawn publication delay travel on to PublishContent. */
  [JobName.ScreenContent]: {
    contentType: 'thread' | 'reply' | 'review' | 'salary' | 'interview';
    contentId: string;
    outboxId?: string;
    delayMs?: number;
  };
  [JobName.RecountFlags]: { itemId: string };
}

/** Which queue carries each job. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.PruneExpired]: QueueName.Maintenance,
  [JobName.RotateEpochs]: QueueName.Maintenance,
  [JobName.SendVerificationCode]: QueueName.Mail,
  [JobName.RelayOutbox]: QueueName.Publication,
  [JobName.SweepOutbox]: QueueName.Publication,
  [JobName.PublishContent]: QueueName.Publication,
  [JobName.ScreenContent]: QueueName.Moderation,
  [JobName.RecountFlags]: QueueName.Moderation,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

/** The side of the privacy line a job belongs to; `both`: platform upkeep of whichever sides the process runs. */
export type JobSide = 'identity' | 'forum' | 'both';

/** Which side runs each job (ROLE): a process handles and schedules the jobs of the sides it runs only. */
export const JOB_SIDE: { readonly [N in JobName]: JobSide } = {
  [JobName.PruneExpired]: 'both',
  [JobName.RotateEpochs]: 'identity',
  [JobName.SendVerificationCode]: 'identity',
  [JobName.RelayOutbox]: 'forum',
  [JobName.SweepOutbox]: 'forum',
  [JobName.PublishContent]: 'forum',
  [JobName.ScreenContent]: 'forum',
  [JobName.RecountFlags]: 'forum',
};

/**
 * Which side's Redis (IDENTITY_/FORUM_REDIS_URL and _QUEUE_PREFIX) holds each queue. The maintenance queue
 * carries empty, repeatable jobs only; it lives with the forum side when the process runs it.
 */
export const QUEUE_SIDE: { readonly [Q in QueueName]: JobSide } = {
  [QueueName.Maintenance]: 'both',
  [QueueName.Mail]: 'identity',
  [QueueName.Publication]: 'forum',
  [QueueName.Moderation]: 'forum',
};

/** The jobs, and the queues, of a process that runs `sides`. */
export function jobsOf(sides: readonly ('identity' | 'forum')[]): JobName[] {
  return ALL_JOB_NAMES.filter((n) => JOB_SIDE[n] === 'both' || sides.includes(JOB_SIDE[n]));
}

export function queuesOf(sides: readonly ('identity' | 'forum')[]): QueueName[] {
  return ALL_QUEUE_NAMES.filter((q) => QUEUE_SIDE[q] === 'both' || sides.includes(QUEUE_SIDE[q]));
}
