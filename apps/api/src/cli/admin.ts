/**
 * Operator commands (run from a shell on the server, never over HTTP):
 *
 *   npm run admin -- grant moderator someone@acme.com
 *   npm run admin -- revoke admin someone@acme.com
 *
 * The address is hashed like at sign-in; it is neither printed nor logged.
 */
import 'reflect-metadata';
import { loadConfig } from '@unlinked/config';
import { AccountRole } from '@unlinked/db/identity';
import { createDataSource } from '@unlinked/db';
import { changeRole, RoleChangeError, type RoleChange } from '@unlinked/identity';

const USAGE = 'usage: npm run admin -- <grant|revoke> <moderator|admin> <email>';

async function main(argv: string[]): Promise<number> {
  const [command, role, email] = argv;
  if ((command !== 'grant' && command !== 'revoke') || !email || (role !== 'moderator' && role !== 'admin')) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  // Roles live with accounts, on the identity side's database.
  const dataSource = createDataSource(
    { ...config, databaseUrl: config.storage.identity.databaseUrl },
    config.splitDatabases ? 'identity' : undefined,
  );
  await dataSource.initialize();
  try {
    const now = await changeRole(dataSource, config, command as RoleChange, role as AccountRole, email);
    process.stdout.write(`ok: the account is now ${now}\n`);
    return 0;
  } catch (e) {
    if (e instanceof RoleChangeError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await dataSource.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
