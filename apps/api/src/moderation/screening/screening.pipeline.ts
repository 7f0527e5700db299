import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONTENT_GATEWAY, refKey, type ContentGateway, type ContentRef } from '../content/content-gateway.js';
import { ModerationService } from '../moderation.service.js';
import { ScreeningService } from './screening.service.js';

export type ScreenOutcome = 'publish' | 'hold' | 'reject' | 'gone';

/**
 * The screen-content job: load the content, screen it, store the item and,
 * when it passes, publish, all in one transaction. Idempotent: a retried or
 * recovered (stalled) job finds the stored item and changes nothing, so
 * content is screened and published once.
 */
@Injectable()
export class ScreeningPipeline {
  private readonly logger = new Logger(ScreeningPipeline.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
    private readonly moderation: ModerationService,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
  ) {}

  async run(ref: ContentRef): Promise<ScreenOutcome> {
    const existing = await this.moderation.itemFor(ref);
    if (existing) return existing.screeningOutcome;
    const content = (await this.content.load(this.dataSource.manager, [ref])).get(refKey(ref));
    if (!content) return 'gone'; // deleted by its author before screening
    const result = await this.screening.screen(content);
    await this.dataSource.transaction(async (manager) => {
      const { created } = await this.moderation.recordScreening(content, result, manager);
      if (created && result.outcome === 'publish') await this.content.publish(manager, ref);
    });
    // Rule ids and the outcome only: never the text or what matched (rule 6).
    this.logger.log(
      { contentType: ref.type, outcome: result.outcome, rules: result.hits.map((h) => h.rule) },
      'Screened',
    );
    return result.outcome;
  }
}
