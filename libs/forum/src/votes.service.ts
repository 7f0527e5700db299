import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { TokenKind } from '@unlinked/platform';
import type { AnonymousWrite } from './anonymous-write.js';
import { CompanyGateService } from './company-gate.service.js';
import type { VoteInput } from './dto/forum.inputs.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import { VoteTarget, VoteValue } from './models/forum-enums.js';
import type { VoteResult } from './models/forum.models.js';
import { assertNoSession, tokenFrom } from './redemption/anonymous-request.js';
import { TokenRedemptionService } from './redemption/token-redemption.service.js';
import { ContentRepository } from './repositories/content.repository.js';
import { VotesRepository } from './repositories/votes.repository.js';
import { bucketed } from './time-bucket.js';

const TARGETS: Record<VoteTarget, { type: ContentType; notFound: ForumErrorCode }> = {
  [VoteTarget.Thread]: { type: ContentType.Thread, notFound: ForumErrorCode.ThreadNotFound },
  [VoteTarget.Reply]: { type: ContentType.Reply, notFound: ForumErrorCode.ReplyNotFound },
  [VoteTarget.Review]: { type: ContentType.Review, notFound: ForumErrorCode.ReviewNotFound },
};

/** Votes, each paid with a reaction token; a vote row names its target and nothing else. */
@Injectable()
export class VotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly content: ContentRepository,
    private readonly votes: VotesRepository,
  ) {}

  async vote(input: VoteInput, write: AnonymousWrite): Promise<VoteResult> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const target = TARGETS[input.targetType];
    if (input.targetType === VoteTarget.Review && input.value === VoteValue.Down) {
      throw new ForumError(ForumErrorCode.VoteNotAllowed);
    }
    if (!(await this.content.isPublished(target.type, input.targetId))) throw new ForumError(target.notFound);
    const company = await this.gate.bySlug(input.companySlug);
    const redemption = this.redemption.verify(token, company, TokenKind.Reaction);
    const value = input.value === VoteValue.Up ? 1 : -1;
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      const score = await this.votes.cast(m, {
        targetType: target.type,
        targetId: input.targetId,
        value,
        createdAt: bucketed(this.config.anonymity.timeBucketSeconds),
      });
      // Deleted between the check and now: roll back, so the token is not burnt.
      if (score === undefined) throw new ForumError(target.notFound);
      return { targetId: input.targetId, score };
    });
  }
}
