import { randomInt } from 'node:crypto';
import type { AppConfig } from '@unlinked/config';
import { bucketed } from '../time-bucket.js';

/**
 * The random publication delay (privacy rule 5), drawn at submission and
 * stored with the outbox row written in the content's own transaction:
 * uniformly in [PUBLISH_DELAY_MIN, PUBLISH_DELAY_MAX].
 */
export function publicationDelayMs(config: AppConfig): number {
  const { publishDelayMinSeconds: min, publishDelayMaxSeconds: max } = config.anonymity;
  return randomInt(min * 1000, max * 1000 + 1);
}

/**
 * When content submitted now is certainly due: the end of the current time
 * bucket plus the largest publication delay rounded up to whole buckets. A
 * function of the bucketed submission time and configuration only, so the
 * stored value reveals nothing `created_at` does not (privacy rule 5); it is
 * never earlier than the content's real due time, so a re-sent job never
 * publishes early.
 */
export function publicationDueAt(config: AppConfig, now: Date = new Date()): Date {
  const { timeBucketSeconds: bucket, publishDelayMaxSeconds: maxDelay } = config.anonymity;
  const buckets = 1 + Math.ceil(maxDelay / bucket);
  return new Date(bucketed(bucket, now).getTime() + buckets * bucket * 1000);
}
