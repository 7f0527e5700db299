import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import { TokenKind } from '@unlinked/platform';
import type { AnonymousWrite } from './anonymous-write.js';
import { parseAuthorKey, reviewFields, verifyAuthorship } from './authorship/signed-message.js';
import { CompanyGateService } from './company-gate.service.js';
import type { CreateReviewInput, DeleteContentInput, EditReviewInput, ReviewFieldsInput } from './dto/forum.inputs.js';
import { assertEditable } from './edit-window.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import type { WriteReceipt } from './models/forum.models.js';
import { enqueuePublication } from './publication/outbox.js';
import { applyReviewToStats, type ReviewScores } from './publication/review-stats.js';
import { assertNoSession, tokenFrom } from './redemption/anonymous-request.js';
import { TokenRedemptionService } from './redemption/token-redemption.service.js';
import { returned } from './sql-result.js';
import { BODY_MAX, optionalText, requiredText, SHORT_FIELD_MAX } from './text/clean-text.js';
import { bucketed } from './time-bucket.js';

const COLUMNS = [
  'overall',
  'culture',
  'work_life',
  'senior_management',
  'compensation',
  'career',
  'diversity',
  'ceo_approval',
  'recommend',
  'outlook',
  'employment',
  'job_title',
  'location',
  'tenure',
  'pros',
  'cons',
  'advice',
];

/** Reviews, paid with review tokens (one per account per company per 12 months, enforced at issuance). */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createReview(input: CreateReviewInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const values = this.clean(input);
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-review', [input.companySlug, ...reviewFields(input)]);
    const company = await this.gate.bySlug(input.companySlug);
    await this.gate.assertOpen(company);
    const redemption = this.redemption.verify(token, company, TokenKind.Review);
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      const params = [company.id, Buffer.from(authorKey), now, ...values];
      const [{ id }] = (await m.query(
        `INSERT INTO reviews (company_id, author_key, created_at, ${COLUMNS.join(', ')})
         VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        params,
      )) as { id: string }[];
      await enqueuePublication(m, this.config, ContentType.Review, id);
      return { id, status: ContentStatus.Pending };
    });
  }

  async editReview(input: EditReviewInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored(input.id);
    verifyAuthorship(row.author_key, input.signature, 'edit-review', [
      input.id,
      input.revision,
      ...reviewFields(input),
    ]);
    assertEditable(this.config, new Date(row.created_at));
    const values = this.clean(input);
    await this.dataSource.transaction(async (m) => {
      const [old] = await this.lock(m, input.id);
      if (!old || old.revision !== input.revision) throw new ForumError(ForumErrorCode.RevisionConflict);
      const [updated] = returned<ReviewScores & { status: string }>(
        await m.query(
          `UPDATE reviews SET ${COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ')},
             revision = revision + 1, edited_at = $2 WHERE id = $1 RETURNING *`,
          [input.id, bucketed(this.config.anonymity.timeBucketSeconds), ...values],
        ),
      );
      if (old.status === ContentStatus.Published) {
        await applyReviewToStats(m, old, -1);
        await applyReviewToStats(m, updated, 1);
      }
    });
    return { id: row.id, status: row.status };
  }

  async deleteReview(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored(input.id);
    verifyAuthorship(row.author_key, input.signature, 'delete-review', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const [old] = await this.lock(m, input.id);
      if (!old) return;
      await m.query(
        `UPDATE reviews SET status = 'deleted', pros = '[deleted]', cons = '[deleted]', advice = NULL,
           job_title = NULL, location = NULL WHERE id = $1`,
        [input.id],
      );
      if (old.status === ContentStatus.Published) await applyReviewToStats(m, old, -1);
    });
    return { id: row.id, status: ContentStatus.Deleted };
  }

  private clean(input: ReviewFieldsInput): unknown[] {
    const min = this.config.forum.reviewTextMinLength;
    return [
      input.overall,
      input.culture,
      input.workLife,
      input.seniorManagement,
      input.compensation,
      input.career,
      input.diversity,
      input.ceoApproval,
      input.recommend,
      input.outlook,
      input.employment,
      optionalText(input.jobTitle, { field: 'jobTitle', max: SHORT_FIELD_MAX }),
      optionalText(input.location, { field: 'location', max: SHORT_FIELD_MAX }),
      input.tenure ?? null,
      requiredText(input.pros, { field: 'pros', max: BODY_MAX, min }),
      requiredText(input.cons, { field: 'cons', max: BODY_MAX, min }),
      optionalText(input.advice, { field: 'advice', max: BODY_MAX }),
    ];
  }

  private async authored(id: string) {
    const [row] = (await this.dataSource.query(
      `SELECT id, author_key, status, created_at FROM reviews WHERE id = $1 AND status <> 'deleted'`,
      [id],
    )) as {
      id: string;
      author_key: Buffer;
      status: ContentStatus;
      created_at: Date;
    }[];
    if (!row) throw new ForumError(ForumErrorCode.ReviewNotFound);
    return row;
  }

  private lock(m: EntityManager, id: string): Promise<(ReviewScores & { status: string; revision: number })[]> {
    return m.query(`SELECT * FROM reviews WHERE id = $1 AND status <> 'deleted' FOR UPDATE`, [id]);
  }
}
