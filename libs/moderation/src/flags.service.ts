import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import type { ItemContentType } from '@unlinked/db/anonymous';
import { arcItemSubject } from '@unlinked/arc';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { ArcAction } from '@unlinked/platform';
import type { AnonymousWrite } from '@unlinked/forum';
import { ArcRedemptionService, arcTokenFrom, assertNoSession, CompanyGateService } from '@unlinked/forum';
import type { FlagContentInput } from './dto/flag-content.input.js';
import { ModerationError, ModerationErrorCode } from './moderation.errors.js';
import { ModerationService } from './moderation.service.js';
import { ModeratedContentKind } from './models/moderation.enums.js';

/**
 * Readers flag published content with a reason, paying with an ARC
 * presentation in the context `flag:<type>:<id>` under the key of the item's
 * period (privacy rules 2 to 4): one flag per person per item, for ever. The
 * presentation is verified first (a refused flag spends nothing), then its tag
 * is spent in the same transaction as the flag row, so a flag never exists
 * without its spent tag. A flag from the content's own company weighs
 * FLAG_WEIGHT_SAME_COMPANY, others FLAG_WEIGHT_OTHER_COMPANY. A recount job
 * follows; it is a sum, so a lost or repeated job is made good by the next.
 */
@Injectable()
export class FlagsService {
  private readonly logger = new Logger(FlagsService.name);

  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    private readonly gate: CompanyGateService,
    private readonly arc: ArcRedemptionService,
    @InjectQueue(QueueName.Moderation) private readonly queue: Queue,
  ) {}

  async flag(input: FlagContentInput, write: AnonymousWrite): Promise<boolean> {
    assertNoSession(write.req);
    const token = arcTokenFrom(write.req, write.token);
    // Salary reports are never shown one by one, so there is nothing a reader could flag.
    if (input.contentType === ModeratedContentKind.SALARY)
      throw new ModerationError(ModerationErrorCode.ContentNotFound);
    const item = await this.moderation.itemFor({ type: input.contentType, id: input.contentId });
    if (!item || item.state !== 'published') throw new ModerationError(ModerationErrorCode.ContentNotFound);
    const type = item.contentType as ItemContentType;
    const period = await this.arc.publishedItemPeriod(type, item.contentId);
    if (period === undefined) throw new ModerationError(ModerationErrorCode.ContentNotFound);
    const company = await this.gate.bySlug(input.companySlug);
    const presentation = await this.arc.verify(
      token,
      company,
      ArcAction.Flag,
      arcItemSubject(type, item.contentId),
      period,
    );
    await this.dataSource.transaction(async (m) => {
      await this.arc.spend(m, presentation);
      await this.moderation.addFlag(m, {
        itemId: item.id,
        reason: input.reason,
        note: input.note ?? null,
        sameCompany: company.id === item.companyId,
      });
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
