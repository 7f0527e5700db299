/**
 * `npm run migration:run` | `migration:revert` | `migration:show`: the
 * production path for schema changes (development migrates at boot). With
 * split databases each side this process runs (ROLE) gets its own migration
 * set on its own database (IDENTITY_DATABASE_URL, FORUM_DATABASE_URL).
 */
import { loadConfigOrExit, runSides } from '@unlinked/config';
import { sideDataSourceOptions } from '@unlinked/db';
import { DataSource } from 'typeorm';

const command = process.argv[2] ?? 'run';
const config = loadConfigOrExit();
let pendingAnywhere = false;
for (const { side, options } of sideDataSourceOptions({ ...config, migrationsRun: false }, runSides(config.role))) {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(
        `${side}: applied ${applied.length} migration(s)${applied.map((m) => `\n  ${m.name}`).join('')}\n`,
      );
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write(`${side}: reverted the last migration\n`);
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      pendingAnywhere ||= pending;
      process.stdout.write(pending ? `${side}: migrations are pending\n` : `${side}: the schema is up to date\n`);
    } else {
      process.stderr.write(`Unknown command "${command}" (use run, revert or show)\n`);
      process.exitCode = 64;
      break;
    }
  } finally {
    await dataSource.destroy();
  }
}
if (command === 'show') process.exitCode = pendingAnywhere ? 2 : 0;
