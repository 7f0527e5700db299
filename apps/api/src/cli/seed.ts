/** `npm run seed`: loads the demo companies (idempotent: existing slugs are kept). */
import { loadConfigOrExit } from '@unlinked/config';
import { createDataSource, seedCompanies } from '@unlinked/db';

const config = loadConfigOrExit();
const dataSource = createDataSource({ ...config, migrationsRun: true });
await dataSource.initialize();
const added = await seedCompanies(dataSource);
process.stdout.write(`Seed: ${added} companies added\n`);
await dataSource.destroy();
