import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose content_type names a kind of anonymous content. */
const CONTENT_TYPE_TABLES = ['publication_outbox', 'moderation_items', 'pending_revisions'] as const;

/**
 * Every kind of anonymous content in every content_type check: salary reports
 * (Salaries17647100000000) and interview reviews (Interviews17647200000000)
 * came from two branches, and each check must hold both. Written as one list
 * here, after both, so it holds whichever order a database ran them in.
 * Salary reports are never revised, but pending_revisions takes every kind
 * like the others (one list, one check shape).
 */
export class ContentTypes17647500000000 implements MigrationInterface {
  name = 'ContentTypes17647500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of CONTENT_TYPE_TABLES) {
      await contentTypes(q, t, ['thread', 'reply', 'review', 'salary', 'interview']);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of CONTENT_TYPE_TABLES) {
      await q.query(`DELETE FROM ${t} WHERE content_type = 'salary'`);
      await contentTypes(q, t, ['thread', 'reply', 'review', 'interview']);
    }
  }
}

async function contentTypes(q: QueryRunner, table: string, types: readonly string[]): Promise<void> {
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_content_type_check`);
  await q.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_content_type_check CHECK (content_type IN (${types.map((t) => `'${t}'`).join(', ')}))`,
  );
}
