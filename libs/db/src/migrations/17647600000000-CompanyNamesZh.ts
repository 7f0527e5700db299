import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, search: a company's Chinese name and other names people search it by (阿里 for Alibaba), stored with
 * the company in the shared directory (both sides' databases; the forum's copy takes them from the identity side).
 * Searched by substring like the name (a few hundred rows: a scan, no index).
 */
export class CompanyNamesZh17647600000000 implements MigrationInterface {
  name = 'CompanyNamesZh17647600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE companies ADD COLUMN name_zh text, ADD COLUMN aliases text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE companies DROP COLUMN name_zh, DROP COLUMN aliases`);
  }
}
