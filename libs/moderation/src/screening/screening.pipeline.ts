import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { JobName, QueueName, type JobPayloads } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxRepository, PublicationService } from '@unlinked/forum';
import { CONTENT_GATEWAY, refKey, type ContentGateway, type ContentRef } from '../content/content-gateway.js';
import { ModerationService } from '../moderation.service.js';
import { ScreeningService } from './screening.service.js';

export type ScreenOutcome = 'publish' | 'hold' | 'reject' | 'gone';

/**
 * The screen-content job, between the outbox relay and publication: load the
 * content, screen it, store the item (once per content), then hand passing
 * content to a delayed PublishContent job (job id = outbox id, the delay drawn
 * at submission). Held and rejected content leaves the outbox and waits for a
 * moderator, unpublished. Idempotent: a retried or recovered (stalled) job
 * finds the stored item and repeats only the hand-off, which BullMQ dedupes
 * by job id, so content is screened once and published once.
 */
@Injectable()
export class ScreeningPipeline {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
    private readonly moderation: ModerationService,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
    private readonly publication: PublicationService,
    @InjectQueue(QueueName.Publication) private readonly publications: Queue,
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async screenAndHandOff(job: JobPayloads[JobName.ScreenContent]): Promise<ScreenOutcome> {
    const outcome = await this.run({ type: job.contentType, id: job.contentId });
    if (outcome === 'publish') {
      if (job.outboxId) {
        await this.publications.add(
          JobName.PublishContent,
          { outboxId: job.outboxId, contentType: job.contentType, contentId: job.contentId },
          { jobId: job.outboxId, ...this.coarseDelay(job.delayMs ?? 0), removeOnComplete: true },
        );
      } else {
        await this.publication.publish(job.contentType as ContentType, job.contentId);
      }
    } else if (job.outboxId) {
      await this.outbox.remove(job.outboxId);
    }
    return outcome;
  }

  /**
   * BullMQ keeps a job's creation time (`timestamp`, ms) in Redis until it runs, and a delayed job is due at
   * timestamp + delay. The job is dated at the start of the TIME_BUCKET_SECONDS bucket instead, with the delay
   * stretched to keep the same due instant: Redis then holds nothing finer than stored times do about when the
   * content was screened, and the due instant hides it within the random publication delay (privacy rule 5).
   */
  private coarseDelay(delayMs: number): { timestamp: number; delay: number } {
    const now = Date.now();
    const timestamp = now - (now % (this.config.anonymity.timeBucketSeconds * 1000));
    return { timestamp, delay: now - timestamp + delayMs };
  }

  async run(ref: ContentRef): Promise<ScreenOutcome> {
    const existing = await this.moderation.itemFor(ref);
    if (existing) return existing.screeningOutcome;
    const content = (await this.content.load(this.dataSource.manager, [ref])).get(refKey(ref));
    if (!content) return 'gone'; // deleted by its author before screening
    const result = await this.screening.screen(content);
    await this.moderation.recordScreening(content, result);
    return result.outcome;
  }
}
