import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: ARC credentials are counted in `issuance_counts` like tokens
 * (privacy rule 2: counts only), with kind 'arc' and the ARC period in
 * `epoch`; at most one per (account, period key).
 */
export class ArcIssuanceCounts17645000000000 implements MigrationInterface {
  name = 'ArcIssuanceCounts17645000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE issuance_counts DROP CONSTRAINT issuance_counts_kind_check`);
    await q.query(
      `ALTER TABLE issuance_counts ADD CONSTRAINT issuance_counts_kind_check CHECK (kind IN ('post','review','reaction','arc'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM issuance_counts WHERE kind = 'arc'`);
    await q.query(`ALTER TABLE issuance_counts DROP CONSTRAINT issuance_counts_kind_check`);
    await q.query(
      `ALTER TABLE issuance_counts ADD CONSTRAINT issuance_counts_kind_check CHECK (kind IN ('post','review','reaction'))`,
    );
  }
}
