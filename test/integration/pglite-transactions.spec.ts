import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createDataSource } from '@unlinked/db';
import type { DataSource } from 'typeorm';
import { HEAVY_TEST_MS } from '../support/timing.js';

// PGlite (WebAssembly) boots in a few seconds idle, much longer on a loaded machine.
jest.setTimeout(HEAVY_TEST_MS);

const dataDir = mkdtempSync(join(tmpdir(), 'unlinked-pglite-tx-'));
let db: DataSource;

beforeAll(async () => {
  db = createDataSource({ databaseUrl: undefined, dataDir, migrationsRun: false });
  await db.initialize();
  await db.query(`CREATE TABLE spends (v int PRIMARY KEY)`);
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * PGlite has one session. A transaction that waits on other I/O between its
 * statements (here: until the other transaction has begun, bounded) must not
 * share that session with a transaction that is refused and rolls back: the
 * rollback would take the first one's statements with it. libs/db's
 * serialized pool makes the second wait for the first to finish.
 */
it('runs one transaction at a time on PGlite: a refused one rolls back only its own statements', async () => {
  let otherBegan!: () => void;
  const began = new Promise<void>((resolve) => (otherBegan = resolve));
  const accepted = db.transaction(async (m) => {
    await m.query(`INSERT INTO spends VALUES (1)`);
    // Unserialized, the refused transaction would now run inside this one; serialized, it cannot begin: bounded wait.
    await Promise.race([began, new Promise((resolve) => setTimeout(resolve, 500))]);
    await m.query(`INSERT INTO spends VALUES (2)`);
  });
  const refused = db
    .transaction(async (m) => {
      otherBegan();
      await m.query(`INSERT INTO spends VALUES (3)`);
      throw new Error('refused');
    })
    .catch((e: Error) => e.message);
  expect(await refused).toBe('refused');
  await accepted;
  const rows = (await db.query(`SELECT v FROM spends ORDER BY v`)) as { v: number }[];
  expect(rows.map((r) => r.v)).toEqual([1, 2]);
});
