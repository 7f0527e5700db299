import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, split deployment: the forum's database keeps its own copy of the public company directory, which
 * the identity side owns (companies created at verification, admin edits, the verified-member count of
 * privacy rule 9). The count column is added by the identity migration; on a forum-only database it comes
 * from here, written only by the copy (CompanyReplicaService). On one database holding both sides the
 * column already exists and this changes nothing.
 */
export class ForumCompanyReplica17647400000000 implements MigrationInterface {
  name = 'ForumCompanyReplica17647400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE companies ADD COLUMN IF NOT EXISTS verified_members int NOT NULL DEFAULT 0 CHECK (verified_members >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The identity side's column stays where its own migration made it (one database holding both sides).
    const [{ identity }] = (await q.query(`SELECT to_regclass('accounts') IS NOT NULL AS identity`)) as {
      identity: boolean;
    }[];
    if (!identity) await q.query(`ALTER TABLE companies DROP COLUMN verified_members`);
  }
}
