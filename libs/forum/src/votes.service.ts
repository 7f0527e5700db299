import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentType, InjectForumDb, type ItemContentType } from '@unlinked/db/anonymous';
import { arcItemSubject } from '@unlinked/arc';
import { DataSource } from 'typeorm';
import { ArcAction } from '@unlinked/platform';
import type { AnonymousWrite } from './anonymous-write.js';
import { CompanyGateService } from './company-gate.service.js';
import type { VoteInput } from './dto/forum.inputs.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import { VoteTarget, VoteValue } from './models/forum-enums.js';
import type { VoteResult } from './models/forum.models.js';
import { arcTokenFrom, assertNoSession } from './redemption/anonymous-request.js';
import { ArcRedemptionService } from './redemption/arc-redemption.service.js';
import { VotesRepository } from './repositories/votes.repository.js';
import { bucketed } from './time-bucket.js';

const TARGETS: Record<VoteTarget, { type: ItemContentType; notFound: ForumErrorCode }> = {
  [VoteTarget.Thread]: { type: ContentType.Thread, notFound: ForumErrorCode.ThreadNotFound },
  [VoteTarget.Reply]: { type: ContentType.Reply, notFound: ForumErrorCode.ReplyNotFound },
  [VoteTarget.Review]: { type: ContentType.Review, notFound: ForumErrorCode.ReviewNotFound },
};

/**
 * Votes, each paid with an ARC presentation in the context `vote:<type>:<id>`
 * under the key of the item's period: one vote per person per item, final (a
 * second presentation has the same tag and is refused with ALREADY_VOTED,
 * whatever its direction). A vote row names its target and nothing else.
 */
@Injectable()
export class VotesService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly arc: ArcRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly votes: VotesRepository,
  ) {}

  async vote(input: VoteInput, write: AnonymousWrite): Promise<VoteResult> {
    assertNoSession(write.req);
    const token = arcTokenFrom(write.req, write.token);
    const target = TARGETS[input.targetType];
    if (input.targetType === VoteTarget.Review && input.value === VoteValue.Down) {
      throw new ForumError(ForumErrorCode.VoteNotAllowed);
    }
    const period = await this.arc.publishedItemPeriod(target.type, input.targetId);
    if (period === undefined) throw new ForumError(target.notFound);
    const company = await this.gate.bySlug(input.companySlug);
    const presentation = await this.arc.verify(
      token,
      company,
      ArcAction.Vote,
      arcItemSubject(target.type, input.targetId),
      period,
    );
    const value = input.value === VoteValue.Up ? 1 : -1;
    return this.dataSource.transaction(async (m) => {
      await this.arc.spend(m, presentation);
      const score = await this.votes.cast(m, {
        targetType: target.type,
        targetId: input.targetId,
        value,
        createdAt: bucketed(this.config.anonymity.timeBucketSeconds),
      });
      // Deleted between the check and now: roll back, so the tag is not spent.
      if (score === undefined) throw new ForumError(target.notFound);
      return { targetId: input.targetId, score };
    });
  }
}
