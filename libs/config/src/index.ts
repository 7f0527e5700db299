export * from './config.js';
export * from './config.errors.js';
export { SECRET_VARIABLES, type Secrets } from './secrets.js';
export { APP_CONFIG, ConfigModule } from './config.module.js';
export * from './moderation-config.js';
export * from './operations-config.js';
export { exitOnConfigError, loadConfigOrExit } from './boot.js';
