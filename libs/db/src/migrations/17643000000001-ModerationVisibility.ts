import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['threads', 'replies', 'reviews'];

/**
 * Content moderation can take out of public view gets a fourth status,
 * 'hidden' (held and removed by a moderator, or hidden by flags). Public
 * reads already show 'published' only; publication publishes 'pending' only,
 * so a stray publish job never resurrects hidden content.
 */
export class ModerationVisibility17643000000001 implements MigrationInterface {
  name = 'ModerationVisibility17643000000001';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_status_check`);
      await q.query(
        `ALTER TABLE ${t} ADD CONSTRAINT ${t}_status_check CHECK (status IN ('pending', 'published', 'deleted', 'hidden'))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`UPDATE ${t} SET status = 'deleted' WHERE status = 'hidden'`);
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_status_check`);
      await q.query(
        `ALTER TABLE ${t} ADD CONSTRAINT ${t}_status_check CHECK (status IN ('pending', 'published', 'deleted'))`,
      );
    }
  }
}
