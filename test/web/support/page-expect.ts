import { expect } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { WAIT_MS } from '../../support/timing.js';
import { until } from '../../support/until.js';

/**
 * Auto-waiting assertions on what a page shows, for text the page fills
 * asynchronously (playwright-core has no `expect(locator).toHaveText`). Each
 * polls with the bounded `until` until the page shows what is expected, then
 * asserts on the last value read, so a failure reports what the page showed
 * rather than a timeout. Never read such text once with textContent().
 *
 * A count of 0 or a "not" passes as soon as it holds: wait first for a
 * positive sign that the page has rendered the data it would appear in.
 */

async function lastSeen<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  let last = await read();
  if (ok(last)) return last;
  await until(async () => ok((last = await read())), timeoutMs).catch(() => undefined);
  return last;
}

/** The text of the one element `locator` matches, or a note of how many it matched. */
async function textOf(locator: Locator): Promise<string> {
  const texts = await locator.allTextContents();
  return texts.length === 1 ? texts[0] : `<${texts.length} elements match ${String(locator)}>`;
}

const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? text === expected : expected.test(text);

/** Waits until the element's whole text is `expected` (or matches the pattern). */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = WAIT_MS): Promise<void> {
  const text = await lastSeen(
    () => textOf(locator),
    (t) => matches(t, expected),
    timeoutMs,
  );
  if (typeof expected === 'string') expect(text).toBe(expected);
  else expect(text).toMatch(expected);
}

/** Waits until the element's text contains `part`. */
export async function expectTextContaining(locator: Locator, part: string, timeoutMs = WAIT_MS): Promise<void> {
  const text = await lastSeen(
    () => textOf(locator),
    (t) => t.includes(part),
    timeoutMs,
  );
  expect(text).toContain(part);
}

/** Waits until `locator` matches exactly `n` elements. */
export async function expectCount(locator: Locator, n: number, timeoutMs = WAIT_MS): Promise<void> {
  const count = await lastSeen(
    () => locator.count(),
    (c) => c === n,
    timeoutMs,
  );
  expect(count).toBe(n);
}

/** Waits until the one element `locator` matches has attribute `name` equal to `value`. */
export async function expectAttribute(
  locator: Locator,
  name: string,
  value: string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const read = async () => {
    const values = await locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
    return values.length === 1 ? values[0] : `<${values.length} elements match ${String(locator)}>`;
  };
  const seen = await lastSeen(read, (v) => v === value, timeoutMs);
  expect(seen).toBe(value);
}

/** Waits until the elements `locator` matches carry attribute `name` with exactly `values`, in document order. */
export async function expectAttributes(
  locator: Locator,
  name: string,
  values: readonly string[],
  timeoutMs = WAIT_MS,
): Promise<void> {
  const read = () => locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);
  const seen = await lastSeen(read, (v) => v.join('\n') === values.join('\n'), timeoutMs);
  expect(seen).toEqual(values);
}
