import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { AppConfig } from '@unlinked/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { serializedPGlitePool } from './pglite-serial.js';

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'migrationsRun'>;

/**
 * PostgreSQL when DATABASE_URL is set; otherwise embedded PGlite in DATA_DIR
 * (zero set-up, one process: PGlite has one session, so its transactions run one at a time).
 */
export function dataSourceOptions(config: DbConfig): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: config.migrationsRun,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Extensions come from migrations, not from TypeORM's guesses (uuid-ossp is not on PGlite).
    installExtensions: false,
    logging: false,
  };
  if (config.databaseUrl) return { ...common, url: config.databaseUrl, extra: { max: 20 } };
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pglite = new PGliteDriver({ dataDir: dir, extensions: { pg_trgm } }).driver as unknown as {
    Pool: Parameters<typeof serializedPGlitePool>[0];
  };
  // One transaction at a time on the single PGlite session (see serializedPGlitePool).
  return { ...common, driver: { Pool: serializedPGlitePool(pglite.Pool) } };
}

export function createDataSource(config: DbConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}

/** Postgres unique violation (same code on pg and PGlite). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e?.code ?? e?.driverError?.code;
  if (code !== '23505') return false;
  return constraint === undefined || (e.constraint ?? e.driverError?.constraint) === constraint;
}
