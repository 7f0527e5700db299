import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { AppConfig, Side } from '@unlinked/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ENTITIES, SIDE_ENTITIES } from './entities/index.js';
import { FORUM_MIGRATIONS, IDENTITY_MIGRATIONS, MIGRATIONS } from './migrations/index.js';
import { serializedPGlitePool } from './pglite-serial.js';

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'migrationsRun'> & {
  /** Read replicas of `databaseUrl` (TypeORM replication); none: one pool on the primary. */
  databaseReplicaUrls?: readonly string[];
};

const SIDE_MIGRATIONS = { identity: IDENTITY_MIGRATIONS, forum: FORUM_MIGRATIONS };

/**
 * PostgreSQL when DATABASE_URL is set; otherwise embedded PGlite in DATA_DIR
 * (zero set-up, one process: PGlite has one session, so its transactions run one at a time).
 *
 * `side` set: only that side's tables and migrations (split deployment, its own database; PGlite in
 * DATA_DIR/pglite-<side>). Unset: one database holding both sides (the default).
 */
export function dataSourceOptions(config: DbConfig, side?: Side): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: side ? [...SIDE_ENTITIES[side]] : ENTITIES,
    migrations: side ? SIDE_MIGRATIONS[side] : MIGRATIONS,
    migrationsRun: config.migrationsRun,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Extensions come from migrations, not from TypeORM's guesses (uuid-ossp is not on PGlite).
    installExtensions: false,
    logging: false,
  };
  const replicas = config.databaseReplicaUrls ?? [];
  if (config.databaseUrl && replicas.length > 0) {
    // Migrations and writes on the primary; which reads go to a replica is decided per request (replica-reads.ts).
    return {
      ...common,
      replication: {
        master: { url: config.databaseUrl },
        slaves: replicas.map((url) => ({ url })),
        defaultMode: 'master',
      },
      extra: { max: 20 },
    };
  }
  if (config.databaseUrl) return { ...common, url: config.databaseUrl, extra: { max: 20 } };
  const dir = join(config.dataDir, side ? `pglite-${side}` : 'pglite');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pglite = new PGliteDriver({ dataDir: dir, extensions: { pg_trgm } }).driver as unknown as {
    Pool: Parameters<typeof serializedPGlitePool>[0];
  };
  // One transaction at a time on the single PGlite session (see serializedPGlitePool).
  return { ...common, driver: { Pool: serializedPGlitePool(pglite.Pool) } };
}

export function createDataSource(config: DbConfig, side?: Side): DataSource {
  return new DataSource(dataSourceOptions(config, side));
}

/**
 * The data source options of each side this process runs: one set for both when they share a database
 * (`shared`), else one per side with its own tables and migrations.
 */
export function sideDataSourceOptions(
  config: Pick<AppConfig, 'storage' | 'splitDatabases' | 'dataDir' | 'migrationsRun'>,
  sides: readonly Side[],
): { side: Side | 'shared'; options: DataSourceOptions }[] {
  const db = (side: Side): DbConfig => ({
    ...config,
    databaseUrl: config.storage[side].databaseUrl,
    databaseReplicaUrls: config.storage[side].databaseReplicaUrls,
  });
  if (!config.splitDatabases) return [{ side: 'shared', options: dataSourceOptions(db(sides[0])) }];
  return sides.map((side) => ({ side, options: dataSourceOptions(db(side), side) }));
}

/** Postgres unique violation (same code on pg and PGlite). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e?.code ?? e?.driverError?.code;
  if (code !== '23505') return false;
  return constraint === undefined || (e.constraint ?? e.driverError?.constraint) === constraint;
}
