import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '@unlinked/db';
import { asPublicRead, routeReadsToReplicas } from '@unlinked/platform';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * TypeORM replication as the API sets it up (libs/platform/src/database/replica-reads.ts), on two real PostgreSQL
 * databases: which one answers tells where a statement ran. TypeORM's own default would send every read outside a
 * transaction to a replica; here only a public read's do, and a transaction never does.
 */
describe('replica reads: only a public read outside a transaction reaches the replica', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dataSource = routeReadsToReplicas(
      createDataSource({
        databaseUrl: primary.url,
        databaseReplicaUrls: [replica.url],
        dataDir: '',
        migrationsRun: false,
      }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  const SQL = 'SELECT current_database() AS db';
  const raw = async (run: (sql: string) => Promise<unknown>) => ((await run(SQL)) as { db: string }[])[0].db;
  /** A query-builder read: the path of every repository find*, count and getMany. */
  const built = async (ds: Pick<DataSource, 'createQueryBuilder'>) =>
    (await ds
      .createQueryBuilder()
      .select('d.datname', 'db')
      .from('pg_database', 'd')
      .where('d.datname = current_database()')
      .getRawOne<{ db: string }>())!.db;

  it('reads from the primary outside a public read', async () => {
    expect(await raw((sql) => dataSource.query(sql))).toBe(primary.name);
    expect(await raw((sql) => dataSource.manager.query(sql))).toBe(primary.name);
    expect(await built(dataSource)).toBe(primary.name);
  });

  it('reads from the replica inside a public read, by raw SQL and by query builder', async () => {
    await asPublicRead(async () => {
      expect(await raw((sql) => dataSource.query(sql))).toBe(replica.name);
      expect(await raw((sql) => dataSource.manager.query(sql))).toBe(replica.name);
      expect(await built(dataSource)).toBe(replica.name);
      expect(await built(dataSource.manager)).toBe(replica.name);
    });
  });

  it('runs every transaction, and an explicit query runner, on the primary even inside a public read', async () => {
    await asPublicRead(async () => {
      await dataSource.transaction(async (manager) => {
        expect(await raw((sql) => manager.query(sql))).toBe(primary.name);
        expect(await built(manager)).toBe(primary.name);
      });
      const runner = dataSource.createQueryRunner();
      try {
        expect(await raw((sql) => runner.query(sql))).toBe(primary.name);
      } finally {
        await runner.release();
      }
    });
  });
});
