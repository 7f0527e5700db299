import { randomInt } from 'node:crypto';
import type { AppConfig } from '@unlinked/config';

/**
 * The random publication delay (privacy rule 5), drawn at submission and
 * stored with the outbox row written in the content's own transaction:
 * uniformly in [PUBLISH_DELAY_MIN, PUBLISH_DELAY_MAX].
 */
export function publicationDelayMs(config: AppConfig): number {
  const { publishDelayMinSeconds: min, publishDelayMaxSeconds: max } = config.anonymity;
  return randomInt(min * 1000, max * 1000 + 1);
}
