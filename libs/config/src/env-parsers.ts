import { ConfigError } from './config.errors.js';

export type Env = Record<string, string | undefined>;

export function str(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** A URL whose scheme is one of `protocols`; malformed values stop the boot. */
export function url(env: Env, name: string, protocols: readonly string[], fallback?: string): string | undefined {
  const raw = optional(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

/** A comma-separated list of URLs, each as `url` checks it; unset or empty: none. */
export function urls(env: Env, name: string, protocols: readonly string[]): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => url({ [name]: part }, name, protocols)!);
}

/** A secret given as hex (at least 32 bytes). */
export function hexSecret(name: string, raw: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2}){32,}$/.test(raw)) throw new ConfigError(name, 'must be at least 64 hex characters');
  return Uint8Array.from(Buffer.from(raw, 'hex'));
}

/** `a=1,b=2` → entries; malformed pairs stop the boot naming the variable. */
export function pairs(env: Env, name: string): [string, string][] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const [key, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined || value === '' || rest.length > 0) {
      throw new ConfigError(name, `must be a comma-separated list of key=value, got "${part}"`);
    }
    return [key, value];
  });
}
