/** `npm run config:check`: validates the environment as the API would at boot, without starting anything. */
import { loadConfigOrExit } from './boot.js';

const config = loadConfigOrExit();
process.stdout.write(`Configuration OK (${config.env}, database: ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'})\n`);
