import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { TokenKind } from '@unlinked/platform';
import type { AnonymousWrite } from '@unlinked/forum';
import { CompanyGateService, assertNoSession, tokenFrom, TokenRedemptionService } from '@unlinked/forum';
import type { FlagContentInput } from './dto/flag-content.input.js';
import { ModerationError, ModerationErrorCode } from './moderation.errors.js';
import { ModerationService } from './moderation.service.js';

/**
 * Readers flag published content with a reason, paying with a reaction token
 * (privacy rules 3 and 4): the token is verified first (a refused flag burns
 * nothing), then spent in the same transaction as the flag row, so a token
 * flags once and a flag never exists without its spent token. A recount job
 * follows; it is a sum, so a lost or repeated job is made good by the next.
 */
@Injectable()
export class FlagsService {
  private readonly logger = new Logger(FlagsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @InjectQueue(QueueName.Moderation) private readonly queue: Queue,
  ) {}

  async flag(input: FlagContentInput, write: AnonymousWrite): Promise<boolean> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const item = await this.moderation.itemFor({ type: input.contentType, id: input.contentId });
    if (!item || item.state !== 'published') throw new ModerationError(ModerationErrorCode.ContentNotFound);
    const company = await this.gate.bySlug(input.companySlug);
    const redemption = this.redemption.verify(token, company, TokenKind.Reaction);
    await this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      await this.moderation.addFlag(m, item.id, input.reason, input.note ?? null);
    });
    try {
      await this.queue.add(JobName.RecountFlags, { itemId: item.id }, { removeOnComplete: true });
    } catch (err) {
      // Redis down: the flag is stored; the next flag's recount counts it too.
      this.logger.warn({ err: { type: (err as Error).name } }, 'Recount not queued');
    }
    return true;
  }
}
