import { ConfigError } from './config.errors.js';
import { loadConfig, type AppConfig } from './config.js';
import type { Env } from './env-parsers.js';

/** For process entry points: a bad configuration stops the process with a message naming the variable. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    return exitOnConfigError(error);
  }
}

/** A ConfigError (also one found at boot, such as a PUBLIC_URL mismatch) stops the process with its one line. */
export function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
