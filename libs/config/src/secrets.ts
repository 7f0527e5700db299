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
 * The secrets a forum-only process (ROLE=forum) does without: the address pepper and the session secret are
 * the identity side's alone, so the forum's operator need not hold them (docs/deployment.md). It gets random
 * values that nothing reads.
 */
const IDENTITY_ONLY: readonly string[] = [SECRET_VARIABLES.emailPepper, SECRET_VARIABLES.sessionSecret];

/**
 * Production must be given every secret its sides use. Development generates missing ones
 * once into `<dataDir>/secrets.json` (mode 0600) so restarts keep them: keys
 * derived from the master seed, and email HMACs, would otherwise change.
 */
export function loadSecrets(env: Env, production: boolean, dataDir: string, forumOnly = false): Secrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (!production && existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  let generated = false;
  const out: Record<string, Uint8Array> = {};
  for (const [field, variable] of Object.entries(SECRET_VARIABLES)) {
    let raw = optional(env, variable);
    if (raw === undefined && forumOnly && IDENTITY_ONLY.includes(variable)) {
      out[field] = randomBytes(32);
      continue;
    }
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
