import { loadConfig } from '@unlinked/config';
import { createApi } from './bootstrap.js';

const config = loadConfig();
const app = await createApi(config);
await app.listen({ port: config.port, host: config.host });
console.info(`Unlinked API ready at ${config.publicUrl}/graphql`);
