import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataSourceOptions } from '@unlinked/db';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Migration 17646200000000 (issue 13): published rows written before it get their place in publication order
 * by (created_at, table, id), deterministically; the sequence continues after them; down restores the old indexes.
 */
const MIGRATION = 'PublicationSequence17646200000000';

describe('publication sequence migration', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions({ databaseUrl: db.url, dataDir: '', migrationsRun: false }));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Reverts the applied migrations down to and including `name`, later ones first (none touches these tables). */
  async function undoThrough(name: string): Promise<void> {
    for (;;) {
      const [last] = (await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as { name: string }[];
      await ds.undoLastMigration({ transaction: 'each' });
      if (last.name === name) return;
    }
  }

  it('backfills published rows in (created_at, table, id) order, leaves others unnumbered, and reverts', async () => {
    expect(ds.migrations.map((m) => m.name)).toContain(MIGRATION);
    await undoThrough(MIGRATION);

    const [{ id: company }] = (await ds.query(
      `INSERT INTO companies (slug, name) VALUES ('seq-co', 'Seq Co') RETURNING id`,
    )) as { id: string }[];
    const key = () => randomBytes(32);
    const thread = async (hour: string, status: string) =>
      (
        (await ds.query(
          `INSERT INTO threads (company_id, title, body, author_key, status, created_at, last_activity_at)
         VALUES ($1, 't', 'b', $2, $3, $4, $4) RETURNING id`,
          [company, key(), status, hour],
        )) as { id: string }[]
      )[0].id;
    const late = await thread('2026-01-01T11:00:00Z', 'published');
    const early = await thread('2026-01-01T10:00:00Z', 'published');
    const pending = await thread('2026-01-01T09:00:00Z', 'pending');
    const [{ id: reply }] = (await ds.query(
      `INSERT INTO replies (thread_id, company_id, body, author_key, status, created_at)
       VALUES ($1, $2, 'r', $3, 'published', '2026-01-01T10:00:00Z') RETURNING id`,
      [early, company, key()],
    )) as { id: string }[];

    await ds.runMigrations({ transaction: 'each' });
    const seq = async (table: string, id: string) =>
      (
        (await ds.query(`SELECT published_seq FROM ${table} WHERE id = $1`, [id])) as { published_seq: string | null }[]
      )[0].published_seq;
    // 10:00 reply ('replies' < 'threads'), 10:00 thread, 11:00 thread; the pending thread has no place yet.
    expect([await seq('replies', reply), await seq('threads', early), await seq('threads', late)]).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(await seq('threads', pending)).toBeNull();
    const [{ next }] = (await ds.query(`SELECT nextval('publication_seq')::int AS next`)) as { next: number }[];
    expect(next).toBe(4);
    // A published row without its place is refused: keyset pages depend on it.
    await expect(ds.query(`UPDATE threads SET status = 'published' WHERE id = $1`, [pending])).rejects.toThrow(
      /threads_published_seq/,
    );

    await undoThrough(MIGRATION);
    const indexes = (await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname IN ('replies_thread', 'reviews_recent') ORDER BY indexname`,
    )) as { indexdef: string }[];
    expect(indexes.map((i) => i.indexdef)).toEqual([
      expect.stringContaining('(thread_id, created_at, id)'),
      expect.stringContaining('(company_id, created_at DESC, id DESC)'),
    ]);
    await ds.runMigrations({ transaction: 'each' });
  });
});
