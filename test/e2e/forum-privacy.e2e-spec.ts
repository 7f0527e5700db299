import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS_ENTITIES } from '@unlinked/db/anonymous';
import { getMetadataArgsStorage } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-app.js';

/** Every table the anonymous side owns, from its entity list (a new entity is covered automatically). */
const ANONYMOUS_TABLES = getMetadataArgsStorage()
  .tables.filter((t) => (ANONYMOUS_ENTITIES as unknown[]).includes(t.target))
  .map((t) => t.name!);

/** Column names that would tie content to a person or a device (privacy rule 1). */
const FORBIDDEN =
  /account|user|session|e_?mail|(^|_)ip(_|$)|ip_?addr|remote|agent|(^|_)ua(_|$)|device|cookie|login|member/;

/** Tables the anonymous side may reference: itself and shared reference data. */
const SHARED_TABLES = new Set(['companies', 'company_domains']);

describe('privacy rule 1: the anonymous side holds nothing about accounts', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('knows its tables', () => {
    expect(ANONYMOUS_TABLES).toEqual(
      expect.arrayContaining(['threads', 'replies', 'reviews', 'votes', 'spent_tokens', 'publication_outbox']),
    );
  });

  it('has no column that names an account, session, email, IP or user agent', async () => {
    const rows = (await api.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [ANONYMOUS_TABLES],
    )) as { table_name: string; column_name: string }[];
    expect(new Set(rows.map((r) => r.table_name))).toEqual(new Set(ANONYMOUS_TABLES));
    const offending = rows.filter((r) => FORBIDDEN.test(r.column_name)).map((r) => `${r.table_name}.${r.column_name}`);
    expect(offending).toEqual([]);
  });

  it('has no foreign key to or from a table outside the anonymous side and shared reference data', async () => {
    const fks = (await api.dataSource.query(
      `SELECT src.relname AS source, dst.relname AS target
       FROM pg_constraint c
       JOIN pg_class src ON src.oid = c.conrelid
       JOIN pg_class dst ON dst.oid = c.confrelid
       WHERE c.contype = 'f' AND (src.relname = ANY($1) OR dst.relname = ANY($1))`,
      [ANONYMOUS_TABLES],
    )) as { source: string; target: string }[];
    expect(fks.length).toBeGreaterThan(0);
    const allowed = new Set([...ANONYMOUS_TABLES, ...SHARED_TABLES]);
    const crossing = fks.filter((fk) => !allowed.has(fk.source) || !allowed.has(fk.target));
    expect(crossing).toEqual([]);
  });
});
