/**
 * `npm run migration:run` | `migration:revert` | `migration:show`: the
 * production path for schema changes (development migrates at boot).
 */
import { loadConfigOrExit } from '@unlinked/config';
import { createDataSource } from '@unlinked/db';

const command = process.argv[2] ?? 'run';
const config = loadConfigOrExit();
const dataSource = createDataSource({ ...config, migrationsRun: false });
await dataSource.initialize();
try {
  if (command === 'run') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`Applied ${applied.length} migration(s)${applied.map((m) => `\n  ${m.name}`).join('')}\n`);
  } else if (command === 'revert') {
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write('Reverted the last migration\n');
  } else if (command === 'show') {
    const pending = await dataSource.showMigrations();
    process.stdout.write(pending ? 'Migrations are pending\n' : 'The schema is up to date\n');
    process.exitCode = pending ? 2 : 0;
  } else {
    process.stderr.write(`Unknown command "${command}" (use run, revert or show)\n`);
    process.exitCode = 64;
  }
} finally {
  await dataSource.destroy();
}
