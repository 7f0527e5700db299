import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { interviewSignedFields } from '@unlinked/authorship';
import { ArcAction } from '@unlinked/platform';
import { DataSource } from 'typeorm';
import type { AnonymousWrite } from '../anonymous-write.js';
import { parseAuthorKey, verifyAuthorship } from '../authorship/signed-message.js';
import { CompanyGateService } from '../company-gate.service.js';
import type { DeleteContentInput } from '../dto/forum.inputs.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import type { WriteReceipt } from '../models/forum.models.js';
import { PublicationService } from '../publication/publication.service.js';
import { publicationDelayMs, publicationDueAt } from '../publication/outbox.js';
import { arcTokenFrom, assertNoSession } from '../redemption/anonymous-request.js';
import { ArcRedemptionService } from '../redemption/arc-redemption.service.js';
import { OutboxRepository } from '../repositories/outbox.repository.js';
import { BODY_MAX, requiredText, SHORT_FIELD_MAX } from '../text/clean-text.js';
import { bucketed } from '../time-bucket.js';
import { QUESTION_MAX, QUESTIONS_MAX, type CreateInterviewInput } from './interview.inputs.js';
import { parseInterviewMonth } from './interview-month.js';
import { InterviewsRepository, type InterviewFields } from './interviews.repository.js';
import { normaliseJobTitle } from './job-titles.js';

/**
 * Interview reviews (issue 14). Candidates are usually not employees of the
 * company they interviewed at, so the ARC credential that pays is the
 * writer's own company's (current period), presented in the context
 * `interview:<id of the company interviewed at>`: one interview review per
 * person per target company per ARC period (VERIFICATION_MONTHS calendar
 * months, 12 by default); a second is ALREADY_INTERVIEW_REVIEWED.
 *
 * The writer's company is never stored unless shown: the spent tag is kept
 * under a slot of the period (periodSlot), not the writer's company's key id,
 * so a stolen dump cannot read it from spent_arc_tags either. The company
 * must still be open (at least BOARD_MIN_VERIFIED verified members, privacy
 * rule 9): the server sees it while verifying, and its members are the
 * writer's anonymity set. The target company needs no verified members.
 * Written PENDING, screened and published by the one delayed publication
 * path, like every other content.
 */
@Injectable()
export class InterviewsService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly arc: ArcRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly interviews: InterviewsRepository,
    private readonly outbox: OutboxRepository,
    private readonly publication: PublicationService,
  ) {}

  async createInterview(input: CreateInterviewInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = arcTokenFrom(write.req, write.token);
    const fields = clean(input);
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-interview', interviewSignedFields(input));
    const company = await this.gate.bySlug(input.companySlug);
    const candidate = await this.gate.bySlug(input.candidateCompanySlug);
    await this.gate.assertOpen(candidate);
    const period = this.arc.currentPeriod();
    const verified = this.arc.verify(token, candidate, ArcAction.Interview, company.id, period);
    const presentation = { ...verified, keyId: periodSlot(period) };
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.arc.spend(m, presentation);
      const id = await this.interviews.insert(m, {
        companyId: company.id,
        shownCompanyId: input.showCompany ? candidate.id : null,
        authorKey: Buffer.from(authorKey),
        createdAt: now,
        ...fields,
      });
      await this.outbox.enqueue(
        m,
        ContentType.Interview,
        id,
        publicationDelayMs(this.config),
        publicationDueAt(this.config),
      );
      return { id, status: ContentStatus.Pending };
    });
  }

  /** The author deletes with the interview's key: texts and questions erased, counted out of the aggregates. */
  async deleteInterview(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.interviews.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.InterviewNotFound);
    verifyAuthorship(row.author_key, input.signature, 'delete-interview', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const old = await this.interviews.lock(m, input.id);
      if (!old) return;
      // Through the one unpublish path (counts out what was public), then erased.
      await this.publication.unpublishIn(m, ContentType.Interview, input.id);
      await this.interviews.softDelete(m, input.id);
    });
    return { id: row.id, status: ContentStatus.Deleted };
  }
}

/**
 * What spent_arc_tags keeps as the "key" of an interview's tag: SHA-256 of the
 * period alone, the same for every company. Uniqueness still holds per
 * credential and context (a tag is fixed by the credential's secret and the
 * context; tags of two credentials do not collide), and the row is pruned by
 * its expires_at when the period's keys retire, as any other tag.
 */
function periodSlot(period: number): Buffer {
  return createHash('sha256').update(`unlinked/interview-period/v1\u0000${period}`).digest();
}

function clean(input: CreateInterviewInput): InterviewFields {
  if (input.questions.length > QUESTIONS_MAX) throw new ForumError(ForumErrorCode.InterviewQuestionsTooMany);
  const questions = input.questions.map((q, i) => requiredText(q, { field: `questions[${i}]`, max: QUESTION_MAX }));
  return {
    ...normaliseJobTitle(requiredText(input.jobTitle, { field: 'jobTitle', max: SHORT_FIELD_MAX })),
    month: parseInterviewMonth(input.month),
    source: input.source,
    difficulty: input.difficulty,
    experience: input.experience,
    outcome: input.outcome,
    processLength: input.processLength,
    stages: requiredText(input.stages, { field: 'stages', max: BODY_MAX }),
    questions,
  };
}
