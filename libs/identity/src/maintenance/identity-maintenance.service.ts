import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { DataSource } from 'typeorm';

/**
 * Identity-side upkeep. Issuer keys are derived per epoch (libs/platform/src/keys),
 * so rotating is implicit: this job retires the counts of keys that no longer
 * issue or limit a quota, and recounts each company's verified members from
 * accounts verified within the verification period.
 */
@Injectable()
export class IdentityMaintenanceService {
  private readonly logger = new Logger(IdentityMaintenanceService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async rotate(): Promise<{
    retiredCounts: number;
    companiesRecounted: number;
  }> {
    const [{ n: retiredCounts }] = (await this.dataSource.query(
      `WITH d AS (DELETE FROM issuance_counts WHERE retire_at < now() RETURNING 1) SELECT count(*)::int AS n FROM d`,
    )) as { n: number }[];
    const [{ n: companiesRecounted }] = (await this.dataSource.query(
      `WITH counts AS (
         SELECT c.id, count(a.id)::int AS n
           FROM companies c
           LEFT JOIN accounts a
             ON a.company_id = c.id AND a.verified_on > current_date - make_interval(months => $1)
          GROUP BY c.id),
       u AS (
         UPDATE companies c SET verified_members = counts.n FROM counts
          WHERE counts.id = c.id AND c.verified_members <> counts.n RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [this.config.identity.verificationMonths],
    )) as { n: number }[];
    this.logger.log({ retiredCounts, companiesRecounted }, 'Rotated issuance epochs');
    return { retiredCounts, companiesRecounted };
  }
}
