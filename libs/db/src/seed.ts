import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { CompanyStatus, type CompanySize } from './entities/company.entity.js';

export interface SeedCompany {
  slug: string;
  name: string;
  domains: string[];
  industry: string;
  sizeBucket: CompanySize;
  headquarters: string;
  description: string;
  /** The Chinese name, shown in the Chinese interface. */
  nameZh?: string;
  /** Other names people search the company by. */
  aliases?: string[];
}

/** The demo dataset: real companies and their primary email domains. */
export function loadSeedCompanies(file = resolve(process.cwd(), 'libs/db/seed/companies.json')): SeedCompany[] {
  return JSON.parse(readFileSync(file, 'utf8')) as SeedCompany[];
}

/**
 * Inserts the seed companies that are missing (by slug) in one transaction, and gives companies seeded before
 * names were kept the Chinese name and aliases they lack; running it again changes nothing. Returns how many
 * companies were added.
 */
export async function seedCompanies(dataSource: DataSource, companies = loadSeedCompanies()): Promise<number> {
  return dataSource.transaction(async (tx) => {
    let added = 0;
    for (const c of companies) {
      const rows = (await tx.query(
        `INSERT INTO companies (slug, name, industry, size_bucket, headquarters, description, status, name_zh, aliases)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          c.slug,
          c.name,
          c.industry,
          c.sizeBucket,
          c.headquarters,
          c.description,
          CompanyStatus.Confirmed,
          c.nameZh ?? null,
          c.aliases ?? [],
        ],
      )) as { id: string }[];
      if (rows.length === 0) {
        await tx.query(
          `UPDATE companies SET name_zh = $2, aliases = $3 WHERE slug = $1 AND name_zh IS NULL AND aliases = '{}'
             AND ($2::text IS NOT NULL OR cardinality($3::text[]) > 0)`,
          [c.slug, c.nameZh ?? null, c.aliases ?? []],
        );
        continue;
      }
      added++;
      for (const [i, domain] of c.domains.entries()) {
        await tx.query(
          `INSERT INTO company_domains (domain, company_id, "primary") VALUES ($1, $2, $3) ON CONFLICT (domain) DO NOTHING`,
          [domain.toLowerCase(), rows[0].id, i === 0],
        );
      }
    }
    return added;
  });
}

/** Seeds only an empty database, so a fresh start shows companies at once. */
export async function seedIfEmpty(dataSource: DataSource): Promise<number> {
  const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM companies`)) as { count: number }[];
  return count === 0 ? seedCompanies(dataSource) : 0;
}
