import { WAIT_MS } from './timing.js';

/**
 * Polls `check` until it returns a truthy value and returns that value; fails
 * after `timeoutMs`. For waiting on a job or a log line, never for winning a race.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  timeoutMs = WAIT_MS,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
