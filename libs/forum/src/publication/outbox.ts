import { randomInt } from 'node:crypto';
import type { AppConfig } from '@unlinked/config';
import type { ContentType } from '@unlinked/db/anonymous';
import type { EntityManager } from 'typeorm';

/**
 * Writes the outbox row in the content's own transaction: if the content
 * commits, its publication is recorded, whether or not Redis is up. The
 * delay is drawn here, uniformly in [PUBLISH_DELAY_MIN, PUBLISH_DELAY_MAX].
 */
export async function enqueuePublication(
  manager: EntityManager,
  config: AppConfig,
  contentType: ContentType,
  contentId: string,
): Promise<void> {
  const { publishDelayMinSeconds: min, publishDelayMaxSeconds: max } = config.anonymity;
  const delayMs = randomInt(min * 1000, max * 1000 + 1);
  await manager.query(`INSERT INTO publication_outbox (content_type, content_id, delay_ms) VALUES ($1, $2, $3)`, [
    contentType,
    contentId,
    delayMs,
  ]);
}
