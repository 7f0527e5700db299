import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '@unlinked/db';
import { recordPublicUrl } from '@unlinked/platform';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The PUBLIC_URL every API on one database shares (libs/platform deployment-settings.ts), on a real PostgreSQL
 * database. The refusal of a second replica with another PUBLIC_URL across processes is in multi-process.e2e-spec.
 */
describe('deployment settings: one PUBLIC_URL per database', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ databaseUrl: db.url, dataDir: '', migrationsRun: true });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const stored = async () =>
    (
      (await dataSource.query(`SELECT value FROM deployment_settings WHERE name = 'public_url'`)) as { value: string }[]
    ).map((r) => r.value);

  it('records the first API, accepts the same URL again and refuses another, naming both', async () => {
    await recordPublicUrl(dataSource, 'https://unlinked.example');
    await recordPublicUrl(dataSource, 'https://unlinked.example');
    await expect(recordPublicUrl(dataSource, 'https://elsewhere.example')).rejects.toThrow(
      'PUBLIC_URL is https://elsewhere.example, but the APIs on this database use https://unlinked.example',
    );
    expect(await stored()).toEqual(['https://unlinked.example']);
  });

  it('lets a development server with the default URL follow its port instead of refusing it', async () => {
    await recordPublicUrl(dataSource, 'http://localhost:3999', true);
    expect(await stored()).toEqual(['http://localhost:3999']);
    await expect(recordPublicUrl(dataSource, 'http://localhost:3000')).rejects.toThrow('http://localhost:3999');
  });
});
