import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { seedIfEmpty } from '@unlinked/db';
import { DataSource } from 'typeorm';
import { PublicationService } from '../publication/publication.service.js';
import { bucketed } from '../time-bucket.js';
import { DEMO_INTERVIEWS } from './demo-interviews.js';
import { InterviewsRepository } from './interviews.repository.js';
import { normaliseJobTitle } from './job-titles.js';

/**
 * Development only (NODE_ENV=development with SEED_ON_EMPTY): when no interview
 * exists yet, writes the demo interviews (marked `demo`) and publishes them
 * through the one publish path, so the aggregates count them like any other.
 * Never in production or tests.
 */
@Injectable()
export class DemoInterviewsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly interviews: InterviewsRepository,
    private readonly publication: PublicationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env !== 'development' || !this.config.seedOnEmpty) return;
    const added = await this.seed();
    if (added > 0) this.logger.log(`Seeded ${added} demo interview reviews`);
  }

  /** Writes the demo set into a database with no interviews; returns how many were written. */
  async seed(now: Date = new Date()): Promise<number> {
    // The companies first (SeedOnBoot may not have run yet; both are idempotent).
    await seedIfEmpty(this.dataSource);
    return this.dataSource.transaction(async (m) => {
      if (((await m.query(`SELECT 1 FROM interviews LIMIT 1`)) as unknown[]).length > 0) return 0;
      let added = 0;
      for (const [slug, rows] of Object.entries(DEMO_INTERVIEWS)) {
        const [company] = (await m.query(`SELECT id FROM companies WHERE slug = $1`, [slug])) as { id: string }[];
        if (!company) continue;
        for (const [
          i,
          [title, source, difficulty, experience, outcome, processLength, stages, questions],
        ] of rows.entries()) {
          const id = await this.interviews.insert(m, {
            companyId: company.id,
            shownCompanyId: null,
            authorKey: randomBytes(32),
            createdAt: bucketed(this.config.anonymity.timeBucketSeconds, now),
            ...normaliseJobTitle(title),
            month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i * 2, 1)),
            source,
            difficulty,
            experience,
            outcome,
            processLength,
            stages,
            questions,
            demo: true,
          });
          await this.publication.publishIn(m, ContentType.Interview, id, [ContentStatus.Pending]);
          added++;
        }
      }
      return added;
    });
  }
}
