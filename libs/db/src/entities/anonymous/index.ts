import { BoardEntity } from './board.entity.js';
import { CompanyReviewStatsEntity } from './company-review-stats.entity.js';
import { PublicationOutboxEntity } from './publication-outbox.entity.js';
import { ReplyEntity } from './reply.entity.js';
import { ReviewEntity } from './review.entity.js';
import { SalaryReportEntity } from './salary-report.entity.js';
import { SpentArcTagEntity } from './spent-arc-tag.entity.js';
import { SpentTokenEntity } from './spent-token.entity.js';
import { ThreadEntity } from './thread.entity.js';
import { VoteEntity } from './vote.entity.js';

export * from './board.entity.js';
export * from './company-review-stats.entity.js';
export * from './connection.js';
export * from './content-status.js';
export * from './publication-outbox.entity.js';
export * from './reply.entity.js';
export * from './review.entity.js';
export * from './salary-report.entity.js';
export * from './spent-arc-tag.entity.js';
export * from './spent-token.entity.js';
export * from './thread.entity.js';
export * from './vote.entity.js';

/**
 * Anonymous-side entities (privacy rule 1: nothing here references the identity side). A new forum-side table:
 * its entity here (or in moderation/), its migration in FORUM_MIGRATIONS (libs/db/src/migrations/index.ts).
 */
export const ANONYMOUS_ENTITIES = [
  BoardEntity,
  ThreadEntity,
  ReplyEntity,
  ReviewEntity,
  VoteEntity,
  SpentTokenEntity,
  SpentArcTagEntity,
  PublicationOutboxEntity,
  CompanyReviewStatsEntity,
  SalaryReportEntity,
];
