import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
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
import { returned } from './sql-result.js';
import { bucketed } from './time-bucket.js';

const TARGETS: Record<VoteTarget, { table: string; counter: string; notFound: ForumErrorCode }> = {
  [VoteTarget.Thread]: {
    table: 'threads',
    counter: 'score',
    notFound: ForumErrorCode.ThreadNotFound,
  },
  [VoteTarget.Reply]: {
    table: 'replies',
    counter: 'score',
    notFound: ForumErrorCode.ReplyNotFound,
  },
  [VoteTarget.Review]: {
    table: 'reviews',
    counter: 'helpful_count',
    notFound: ForumErrorCode.ReviewNotFound,
  },
};

/** Votes, each paid with a reaction token; a vote row names its target and nothing else. */
@Injectable()
export class VotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async vote(input: VoteInput, write: AnonymousWrite): Promise<VoteResult> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const target = TARGETS[input.targetType];
    if (input.targetType === VoteTarget.Review && input.value === VoteValue.Down) {
      throw new ForumError(ForumErrorCode.VoteNotAllowed);
    }
    const exists = (await this.dataSource.query(
      `SELECT 1 FROM ${target.table} WHERE id = $1 AND status = 'published'`,
      [input.targetId],
    )) as unknown[];
    if (exists.length === 0) throw new ForumError(target.notFound);
    const company = await this.gate.bySlug(input.companySlug);
    const redemption = this.redemption.verify(token, company, TokenKind.Reaction);
    const value = input.value === VoteValue.Up ? 1 : -1;
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      await m.query(`INSERT INTO votes (target_type, target_id, value, created_at) VALUES ($1, $2, $3, $4)`, [
        input.targetType,
        input.targetId,
        value,
        bucketed(this.config.anonymity.timeBucketSeconds),
      ]);
      const [row] = returned<{ score: number }>(
        await m.query(
          `UPDATE ${target.table} SET ${target.counter} = ${target.counter} + $2 WHERE id = $1 AND status = 'published'
           RETURNING ${target.counter} AS score`,
          [input.targetId, value],
        ),
      );
      // Deleted between the check and now: roll back, so the token is not burnt.
      if (!row) throw new ForumError(target.notFound);
      return { targetId: input.targetId, score: row.score };
    });
  }
}
