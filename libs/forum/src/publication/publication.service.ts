import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { returned } from '../sql-result.js';
import { bucketed } from '../time-bucket.js';
import { applyReviewToStats, type ReviewScores } from './review-stats.js';

/**
 * The single place where anonymous content becomes visible. A screening step
 * (moderation) can run before it in the pipeline; publish itself is
 * idempotent: only a PENDING row changes, so a job that runs twice, or after
 * the author deleted the content, publishes nothing twice.
 */
@Injectable()
export class PublicationService {
  private readonly logger = new Logger(PublicationService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns whether this call published the content. */
  async publish(contentType: ContentType, contentId: string, outboxId?: string): Promise<boolean> {
    const published = await this.dataSource.transaction(async (m) => {
      const table = TABLES[contentType];
      const [row] = returned<Record<string, unknown>>(
        await m.query(`UPDATE ${table} SET status = 'published' WHERE id = $1 AND status = 'pending' RETURNING *`, [
          contentId,
        ]),
      );
      if (outboxId) await m.query(`DELETE FROM publication_outbox WHERE id = $1`, [outboxId]);
      if (!row) return false;
      if (contentType === ContentType.Reply) {
        await m.query(
          `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = greatest(last_activity_at, $2) WHERE id = $1`,
          [row.thread_id, bucketed(this.config.anonymity.timeBucketSeconds)],
        );
      } else if (contentType === ContentType.Review) {
        await applyReviewToStats(m, row as unknown as ReviewScores, 1);
      }
      return true;
    });
    // Ids only: the content id is public once published and carries no time.
    this.logger.log({ contentType, published }, 'Publication job done');
    return published;
  }
}

export const TABLES: Record<ContentType, string> = {
  [ContentType.Thread]: 'threads',
  [ContentType.Reply]: 'replies',
  [ContentType.Review]: 'reviews',
};
