import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { ArcAction } from '@unlinked/platform';
import type { AnonymousWrite } from './anonymous-write.js';
import { parseAuthorKey, reviewFields, verifyAuthorship } from './authorship/signed-message.js';
import { CompanyGateService } from './company-gate.service.js';
import type { CreateReviewInput, DeleteContentInput, EditReviewInput, ReviewFieldsInput } from './dto/forum.inputs.js';
import { EditGateService } from './edit-gate.service.js';
import { assertEditable } from './edit-window.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import type { WriteReceipt } from './models/forum.models.js';
import { publicationDelayMs, publicationDueAt } from './publication/outbox.js';
import { arcTokenFrom, assertNoSession } from './redemption/anonymous-request.js';
import { ArcRedemptionService } from './redemption/arc-redemption.service.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { ReviewStatsRepository } from './repositories/review-stats.repository.js';
import { ReviewsRepository, type ReviewFields } from './repositories/reviews.repository.js';
import { BODY_MAX, optionalText, requiredText, SHORT_FIELD_MAX } from './text/clean-text.js';
import { bucketed } from './time-bucket.js';

/**
 * Reviews, each paid with an ARC presentation in the context
 * `review:<company id>` under the current period's key: one review per person
 * per company per period (VERIFICATION_MONTHS calendar months); a second one
 * is refused with ALREADY_REVIEWED.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly arc: ArcRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reviews: ReviewsRepository,
    private readonly stats: ReviewStatsRepository,
    private readonly outbox: OutboxRepository,
    private readonly edits: EditGateService,
  ) {}

  async createReview(input: CreateReviewInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = arcTokenFrom(write.req, write.token);
    const fields = this.clean(input);
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-review', [input.companySlug, ...reviewFields(input)]);
    const company = await this.gate.bySlug(input.companySlug);
    await this.gate.assertOpen(company);
    const presentation = this.arc.verify(token, company, ArcAction.Review, company.id, this.arc.currentPeriod());
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.arc.spend(m, presentation);
      const id = await this.reviews.insert(m, {
        companyId: company.id,
        authorKey: Buffer.from(authorKey),
        createdAt: now,
        ...fields,
      });
      await this.outbox.enqueue(
        m,
        ContentType.Review,
        id,
        publicationDelayMs(this.config),
        publicationDueAt(this.config),
      );
      return { id, status: ContentStatus.Pending };
    });
  }

  async editReview(input: EditReviewInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored(input.id);
    verifyAuthorship(row.authorKey, input.signature, 'edit-review', [input.id, input.revision, ...reviewFields(input)]);
    assertEditable(this.config, new Date(row.createdAt));
    const fields = this.clean(input);
    if (row.revision !== input.revision) throw new ForumError(ForumErrorCode.RevisionConflict);
    // As moderation reads a review: the texts a reader sees, joined with newlines.
    const text = [fields.jobTitle, fields.pros, fields.cons, fields.advice].filter((t) => t !== null).join('\n');
    if (!(await this.edits.admit(ContentType.Review, row.id, input.revision, text, { ...fields }))) {
      return { id: row.id, status: row.status as ContentStatus };
    }
    await this.dataSource.transaction(async (m) => {
      const old = await this.reviews.lock(m, input.id);
      if (!old || old.revision !== input.revision) throw new ForumError(ForumErrorCode.RevisionConflict);
      const updated = await this.reviews.edit(m, input.id, fields, bucketed(this.config.anonymity.timeBucketSeconds));
      if (old.status === ContentStatus.Published) {
        await this.stats.apply(m, old, -1);
        await this.stats.apply(m, updated, 1);
      }
    });
    return { id: row.id, status: row.status as ContentStatus };
  }

  async deleteReview(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored(input.id);
    verifyAuthorship(row.authorKey, input.signature, 'delete-review', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const old = await this.reviews.lock(m, input.id);
      if (!old) return;
      await this.reviews.softDelete(m, input.id);
      if (old.status === ContentStatus.Published) await this.stats.apply(m, old, -1);
    });
    return { id: row.id, status: ContentStatus.Deleted };
  }

  private clean(input: ReviewFieldsInput): ReviewFields {
    const min = this.config.forum.reviewTextMinLength;
    return {
      overall: input.overall,
      culture: input.culture,
      workLife: input.workLife,
      seniorManagement: input.seniorManagement,
      compensation: input.compensation,
      career: input.career,
      diversity: input.diversity,
      ceoApproval: input.ceoApproval,
      recommend: input.recommend,
      outlook: input.outlook,
      employment: input.employment,
      jobTitle: optionalText(input.jobTitle, { field: 'jobTitle', max: SHORT_FIELD_MAX }),
      location: optionalText(input.location, { field: 'location', max: SHORT_FIELD_MAX }),
      tenure: input.tenure ?? null,
      pros: requiredText(input.pros, { field: 'pros', max: BODY_MAX, min }),
      cons: requiredText(input.cons, { field: 'cons', max: BODY_MAX, min }),
      advice: optionalText(input.advice, { field: 'advice', max: BODY_MAX }),
    };
  }

  private async authored(id: string) {
    const row = await this.reviews.findAuthored(id);
    if (!row) throw new ForumError(ForumErrorCode.ReviewNotFound);
    return row;
  }
}
