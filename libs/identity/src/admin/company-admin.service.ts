import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { CompanyStatus } from '@unlinked/db';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';

/**
 * Admin upkeep of companies created from unknown domains: confirm, rename,
 * or merge a duplicate into another company (its domains and accounts move;
 * verified-member counts are recounted).
 */
@Injectable()
export class CompanyAdminService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async confirm(slug: string): Promise<string> {
    return this.update(`UPDATE companies SET status = $2 WHERE slug = $1 RETURNING slug`, [
      slug,
      CompanyStatus.Confirmed,
    ]);
  }

  async rename(slug: string, name: string): Promise<string> {
    return this.update(`UPDATE companies SET name = $2 WHERE slug = $1 RETURNING slug`, [slug, name]);
  }

  async merge(fromSlug: string, intoSlug: string): Promise<string> {
    if (fromSlug === intoSlug) throw new IdentityError(IdentityErrorCode.Forbidden);
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(`SELECT id, slug FROM companies WHERE slug = ANY($1) ORDER BY id FOR UPDATE`, [
        [fromSlug, intoSlug],
      ])) as { id: string; slug: string }[];
      const from = rows.find((r) => r.slug === fromSlug);
      const into = rows.find((r) => r.slug === intoSlug);
      if (!from || !into) throw new IdentityError(IdentityErrorCode.CompanyNotFound);
      await tx.query(`UPDATE company_domains SET company_id = $2, "primary" = false WHERE company_id = $1`, [
        from.id,
        into.id,
      ]);
      await tx.query(`UPDATE accounts SET company_id = $2 WHERE company_id = $1`, [from.id, into.id]);
      await tx.query(`DELETE FROM companies WHERE id = $1`, [from.id]);
      await this.recount(tx, into.id);
      return into.slug;
    });
  }

  private async recount(tx: EntityManager, companyId: string): Promise<void> {
    await tx.query(
      `UPDATE companies SET verified_members = (
         SELECT count(*)::int FROM accounts
          WHERE company_id = $1 AND verified_on > current_date - make_interval(months => $2))
       WHERE id = $1`,
      [companyId, this.config.identity.verificationMonths],
    );
  }

  private async update(sql: string, params: unknown[]): Promise<string> {
    const rows = (await this.dataSource.query(`WITH u AS (${sql}) SELECT slug FROM u`, params)) as { slug: string }[];
    if (!rows[0]) throw new IdentityError(IdentityErrorCode.CompanyNotFound);
    return rows[0].slug;
  }
}
