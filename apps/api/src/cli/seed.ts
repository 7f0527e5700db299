/**
 * `npm run seed`: loads the demo companies (idempotent: existing slugs are kept) into the identity side's
 * database, which owns the company directory; a split forum database copies them from there.
 */
import { loadConfigOrExit } from '@unlinked/config';
import { createDataSource, seedCompanies } from '@unlinked/db';

const config = loadConfigOrExit();
const dataSource = createDataSource(
  { ...config, databaseUrl: config.storage.identity.databaseUrl, migrationsRun: true },
  config.splitDatabases ? 'identity' : undefined,
);
await dataSource.initialize();
const added = await seedCompanies(dataSource);
process.stdout.write(`Seed: ${added} companies added\n`);
await dataSource.destroy();
