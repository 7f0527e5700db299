import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.errors.js';
import { hexSecret, optional, type Env } from './env-parsers.js';

/** Variables holding secrets, and the config field each one fills. */
export const SECRET_VARIABLES = {
  masterSeed: 'ISSUER_MASTER_SEED',
  emailPepper: 'EMAIL_PEPPER',
  sessionSecret: 'SESSION_SECRET',
} as const;

export type Secrets = { readonly [K in keyof typeof SECRET_VARIABLES]: Uint8Array };

/**
 * Production must be given every secret. Development generates missing ones
 * once into `<dataDir>/secrets.json` (mode 0600) so restarts keep them: keys
 * derived from the master seed, and email HMACs, would otherwise change.
 */
export function loadSecrets(env: Env, production: boolean, dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (!production && existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  let generated = false;
  const out: Record<string, Uint8Array> = {};
  for (const [field, variable] of Object.entries(SECRET_VARIABLES)) {
    let raw = optional(env, variable);
    if (raw === undefined && production) throw new ConfigError(variable, 'is required when NODE_ENV=production');
    if (raw === undefined) {
      raw = stored[variable] ?? randomBytes(32).toString('hex');
      generated ||= stored[variable] === undefined;
      stored[variable] = raw;
    }
    out[field] = hexSecret(variable, raw);
  }
  if (generated) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return out as unknown as Secrets;
}
