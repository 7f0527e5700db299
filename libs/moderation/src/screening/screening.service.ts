import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { CompanyDirectoryRepository } from '@unlinked/forum';
import type { ModeratedContent } from '../content/content-gateway.js';
import { DuplicateStore } from './duplicate-store.js';
import { ScreeningEngine, type ScreeningResult } from './screening.engine.js';

/** The screening engine with its stores: duplicates in Redis, the company's own domains in PostgreSQL. */
@Injectable()
export class ScreeningService {
  private readonly engine: ScreeningEngine;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly duplicates: DuplicateStore,
    private readonly companies: CompanyDirectoryRepository,
  ) {
    this.engine = new ScreeningEngine(config.moderation.screening);
  }

  async screen(content: ModeratedContent): Promise<ScreeningResult> {
    const [duplicates, domains] = await Promise.all([
      this.duplicates.seen(content.text, `${content.type}:${content.id}`, content.scope),
      this.companies.domains(content.companyId),
    ]);
    return this.engine.screen({
      text: content.text,
      duplicateCount: duplicates.inScope,
      duplicateCountAnywhere: duplicates.anywhere,
      allowedDomains: domains,
    });
  }
}
