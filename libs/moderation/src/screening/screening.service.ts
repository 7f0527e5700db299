import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { CompanyDirectoryRepository } from '@unlinked/forum';
import { LogTallies, type LogTally } from '@unlinked/platform';
import type { ModeratedContent } from '../content/content-gateway.js';
import { DuplicateStore } from './duplicate-store.js';
import { ScreeningEngine, type ScreeningResult } from './screening.engine.js';

/**
 * The screening engine with its stores: duplicates in Redis, the company's own domains in PostgreSQL.
 * Outcomes are logged as per-window tallies of rule ids and outcome: never the text, what matched (rule 6)
 * or the instant (rule 5).
 */
@Injectable()
export class ScreeningService {
  private readonly engine: ScreeningEngine;
  private readonly screened: LogTally;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly duplicates: DuplicateStore,
    private readonly companies: CompanyDirectoryRepository,
    tallies: LogTallies,
  ) {
    this.engine = new ScreeningEngine(config.moderation.screening);
    this.screened = tallies.create(ScreeningService.name, 'Screened');
  }

  async screen(content: ModeratedContent, what: 'content' | 'edit' = 'content'): Promise<ScreeningResult> {
    const [duplicates, domains] = await Promise.all([
      // A salary report's text is its title, level and city: the same for everyone in a group, so repeats are
      // the point, not spam (and counting them would keep a record of who shares a group).
      content.type === 'salary'
        ? { inScope: 0, anywhere: 0 }
        : this.duplicates.seen(content.text, `${content.type}:${content.id}`, content.scope),
      this.companies.domains(content.companyId),
    ]);
    const result = this.engine.screen({
      text: content.text,
      duplicateCount: duplicates.inScope,
      duplicateCountAnywhere: duplicates.anywhere,
      allowedDomains: domains,
    });
    this.screened.add({
      what,
      contentType: content.type,
      outcome: result.outcome,
      rules: result.hits.map((h) => h.rule).join(','),
    });
    return result;
  }
}
