import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Side } from '@unlinked/config';
import { dataSourceOptions } from '@unlinked/db';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** The server the suites create their databases on (CI starts it; see .ci/run). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const MIGRATIONS_DIR = join(process.cwd(), 'libs/db/src/migrations');
/** Any advisory-lock key of our own: serialises building the template across Jest workers. */
const TEMPLATE_LOCK = 0x756e6c6b;

function urlOf(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The template's name changes with the migrations' text, so a changed migration never reuses a stale template;
 * one side's database (split deployment) has its own template.
 */
function templateName(side?: Side): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return `unlinked_tpl_${side ? `${side}_` : ''}${hash.digest('hex').slice(0, 16)}`;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const templates = new Map<Side | 'both', Promise<string>>();

/**
 * A migrated template database, built once per set of migrations (under an advisory lock, so parallel workers
 * build it once) and published by a rename, so a half-built template is never cloned.
 */
function migratedTemplate(side?: Side): Promise<string> {
  const built = templates.get(side ?? 'both');
  if (built) return built;
  const template = withAdmin(async (admin) => {
    const name = templateName(side);
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      // Other templates are left alone: another checkout on this server may be cloning its own right now.
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (rowCount) return name;
      const building = `${name}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const ds = new DataSource(
        dataSourceOptions({ databaseUrl: urlOf(building), dataDir: '', migrationsRun: false }, side),
      );
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  templates.set(side ?? 'both', template);
  return template;
}

/**
 * A fresh PostgreSQL database per suite, cloned from the migrated template (CREATE DATABASE … TEMPLATE), so
 * suites run in parallel without sharing rows and without migrating each time. The app's migrationsRun then
 * finds every migration applied. `template`: a copy of that database instead (nothing may be connected to it).
 */
export async function createTestDatabase(side?: Side, template?: TestDatabase): Promise<TestDatabase> {
  const source = template?.name ?? (await migratedTemplate(side));
  const name = `unlinked_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
  return {
    name,
    url: urlOf(name),
    async drop() {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * One side's database (split deployment) reachable only through its own login role: the role may connect to
 * this database and no other test database (CONNECT is revoked from PUBLIC), and uses its tables and sequences.
 * `url` logs in as that role; `drop` removes the database and the role.
 */
export async function createSideDatabase(side: Side): Promise<TestDatabase & { role: string }> {
  const db = await createTestDatabase(side);
  const role = `${db.name}_${side}`;
  await withAdmin(async (admin) => {
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`REVOKE CONNECT ON DATABASE ${db.name} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${db.name} TO ${role}`);
  });
  const inside = new pg.Client({ connectionString: db.url });
  await inside.connect();
  try {
    await inside.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await inside.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
    await inside.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  } finally {
    await inside.end();
  }
  const url = new URL(db.url);
  url.username = role;
  return {
    ...db,
    role,
    url: url.toString(),
    async drop() {
      await db.drop();
      await withAdmin((admin) => admin.query(`DROP ROLE IF EXISTS ${role}`));
    },
  };
}

/** Runs `sql` as the server's admin in database `name` (assertions on a database the app's role cannot see). */
export async function adminQuery<T>(name: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlOf(name) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
