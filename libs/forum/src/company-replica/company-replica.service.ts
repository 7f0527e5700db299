import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { COMPANY_DIRECTORY_SOURCE, safeError, type CompanyDirectorySource } from '@unlinked/platform';
import { DataSource } from 'typeorm';

/**
 * Split deployment (docs/deployment.md): the forum side's copy of the public company directory, which the
 * identity side owns (companies created at verification, admin edits, verified-member counts). Copied whole
 * at boot and every COMPANY_SYNC_INTERVAL_MS, on a timer that has nothing to do with any write, so the
 * identity side learns nothing from the requests. Ids are kept, so issuer keys (derived per company id) and
 * content agree on both sides. Companies merged away on the identity side stay here (content may point at
 * them); their domains move with the copy.
 */
@Injectable()
export class CompanyReplicaService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CompanyReplicaService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    @Inject(COMPANY_DIRECTORY_SOURCE) private readonly source: CompanyDirectorySource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync().catch((err: Error) => this.logger.warn({ err: safeError(err) }, 'Company directory copy failed'));
    this.timer = setInterval(() => {
      this.sync().catch((err: Error) => this.logger.warn({ err: safeError(err) }, 'Company directory copy failed'));
    }, this.config.companySyncIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Copies the directory now (one run at a time); the number of companies added or changed. */
  sync(): Promise<number> {
    this.running ??= this.copy().finally(() => (this.running = undefined));
    return this.running;
  }

  private async copy(): Promise<number> {
    const companies = await this.source.snapshot();
    const domains = companies.flatMap((c) => c.domains.map((d) => ({ ...d, companyId: c.id })));
    return this.dataSource.transaction(async (tx) => {
      // Rows are rewritten only when they changed, so the copy leaves no row versions behind when nothing did.
      const changed = (await tx.query(
        `INSERT INTO companies AS c (id, slug, name, name_zh, aliases, industry, size_bucket, headquarters,
                                     description, status, created_at, verified_members)
         SELECT id, slug, name, "nameZh", ARRAY(SELECT jsonb_array_elements_text(coalesce(aliases, '[]'))),
                industry, "sizeBucket", headquarters, description, status, "createdAt", "verifiedMembers"
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, slug text, name text, "nameZh" text, aliases jsonb,
                industry text, "sizeBucket" text, headquarters text, description text, status text,
                "createdAt" timestamptz, "verifiedMembers" int)
         ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, name_zh = EXCLUDED.name_zh,
                aliases = EXCLUDED.aliases, industry = EXCLUDED.industry,
                size_bucket = EXCLUDED.size_bucket, headquarters = EXCLUDED.headquarters,
                description = EXCLUDED.description, status = EXCLUDED.status,
                verified_members = EXCLUDED.verified_members
          WHERE (c.slug, c.name, c.name_zh, c.aliases, c.industry, c.size_bucket, c.headquarters, c.description,
                 c.status, c.verified_members)
                IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.name, EXCLUDED.name_zh, EXCLUDED.aliases, EXCLUDED.industry,
                 EXCLUDED.size_bucket, EXCLUDED.headquarters, EXCLUDED.description, EXCLUDED.status,
                 EXCLUDED.verified_members)
         RETURNING 1`,
        [JSON.stringify(companies)],
      )) as unknown[];
      await tx.query(`DELETE FROM company_domains WHERE NOT (domain = ANY($1::text[]))`, [
        domains.map((d) => d.domain),
      ]);
      await tx.query(
        `INSERT INTO company_domains AS d (domain, company_id, "primary")
         SELECT domain, "companyId", "primary" FROM jsonb_to_recordset($1::jsonb)
             AS x(domain text, "companyId" uuid, "primary" boolean)
         ON CONFLICT (domain) DO UPDATE SET company_id = EXCLUDED.company_id, "primary" = EXCLUDED."primary"
          WHERE (d.company_id, d."primary") IS DISTINCT FROM (EXCLUDED.company_id, EXCLUDED."primary")`,
        [JSON.stringify(domains)],
      );
      return changed.length;
    });
  }
}
