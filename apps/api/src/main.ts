import { exitOnConfigError, loadConfigOrExit } from '@unlinked/config';
import { exitIfServicesMissing } from '@unlinked/platform';
import { Logger } from 'nestjs-pino';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
await exitIfServicesMissing(config);
const app = await createApi(config).catch(exitOnConfigError);
await app.listen({ port: config.port, host: config.host });
app.get(Logger).log(`Unlinked is ready at ${config.publicUrl}/ (GraphQL at ${config.publicUrl}/graphql)`);
