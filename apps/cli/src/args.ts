/** Argument helpers shared by the commands. */
export class UsageError extends Error {}

export function need<T>(v: T | undefined, name: string): T {
  if (v === undefined || v === '') throw new UsageError(`missing --${name}`);
  return v;
}

export function choice<T>(value: string | undefined, flag: string, options: Record<string, T>): T {
  const key = need(value, flag).toLowerCase();
  if (!Object.hasOwn(options, key)) throw new UsageError(`--${flag} must be one of ${Object.keys(options).join(', ')}`);
  return options[key];
}
