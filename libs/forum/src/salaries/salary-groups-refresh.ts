import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { SalaryGroupsRepository } from './salary-groups.repository.js';

/**
 * At boot, recomputes the groups stored under another SALARY_MIN_REPORTS:
 * lowered, a group now large enough would show nothing until its next
 * publication; raised, a group now too small still holds amounts in the table
 * (reads already hide them). Each group in its own transaction, under the
 * same advisory lock as publication, so instances booting together are safe.
 */
@Injectable()
export class SalaryGroupsRefresh implements OnApplicationBootstrap {
  private readonly logger = new Logger(SalaryGroupsRefresh.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly groups: SalaryGroupsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  /** Returns how many (company, title, currency) groups it recomputed. */
  async refresh(): Promise<number> {
    const k = this.config.anonymity.minSalaryReports;
    const stale = await this.groups.stale(k);
    for (const key of stale) await this.dataSource.transaction((m) => this.groups.recompute(m, key, k));
    if (stale.length > 0) this.logger.log({ groups: stale.length }, 'Recomputed salary groups for SALARY_MIN_REPORTS');
    return stale.length;
  }
}
