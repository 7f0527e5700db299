/**
 * Every queue and job of Unlinked, each job with its payload type. The worker
 * refuses to start unless every JobName has exactly one handler. Payloads
 * carry ids, not personal data; the one exception is the mail job (privacy
 * rule 7), which is removed as soon as it completes.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Mail = 'mail',
}

export enum JobName {
  PruneExpired = 'prune-expired',
  /** Identity side: retires issuance counts of retired keys, warms current keys, recounts verified members. */
  RotateEpochs = 'rotate-epochs',
  /** Identity side: the one job that holds a raw address (privacy rule 7); removed on completion. */
  SendVerificationCode = 'send-verification-code',
}

export interface JobPayloads {
  [JobName.PruneExpired]: Record<string, never>;
  [JobName.RotateEpochs]: Record<string, never>;
  [JobName.SendVerificationCode]: { to: string; code: string };
}

/** Which queue carries each job. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.PruneExpired]: QueueName.Maintenance,
  [JobName.RotateEpochs]: QueueName.Maintenance,
  [JobName.SendVerificationCode]: QueueName.Mail,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
