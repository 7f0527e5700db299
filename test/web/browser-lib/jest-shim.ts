/**
 * The slice of @jest/globals that the privacy-pass specs use, for running them
 * unchanged inside headless Chromium (the bundler aliases @jest/globals here).
 * Results are collected on window.__ppResults for the Jest suite to assert.
 */
type Fn = () => unknown | Promise<unknown>;
interface Case {
  name: string;
  fn: Fn;
}
const cases: Case[] = [];
const stack: string[] = [];

export function describe(name: string, body: () => void): void {
  stack.push(name);
  try {
    body();
  } finally {
    stack.pop();
  }
}

function format(title: string, args: unknown[]): string {
  let i = 0;
  return title.replace(/%[sidjpo%]/g, (m) => {
    if (m === '%%') return '%';
    const v = args[i++];
    if (m === '%j' || m === '%p' || m === '%o') return JSON.stringify(v);
    if (m === '%i' || m === '%d') return String(Math.trunc(Number(v)));
    return String(v);
  });
}

function itImpl(name: string, fn: Fn): void {
  cases.push({ name: [...stack, name].join(' › '), fn });
}
itImpl.each = (table: unknown[]) => (title: string, fn: (...a: never[]) => unknown) => {
  for (const row of table) {
    const args = Array.isArray(row) ? row : [row];
    itImpl(format(title, args), () => fn(...(args as never[])));
  }
};
export const it = itImpl as typeof itImpl & { each: typeof itImpl.each };
export const test = it;

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v as unknown as ArrayLike<number>).join(',')}]`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function matchers(actual: unknown, negate: boolean) {
  const check = (pass: boolean, what: string) => {
    if (pass === negate) throw new Error(`expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
  };
  const thrown = (): { threw: boolean; error?: unknown } => {
    try {
      (actual as () => unknown)();
      return { threw: false };
    } catch (error) {
      return { threw: true, error };
    }
  };
  return {
    toBe: (e: unknown) => check(Object.is(actual, e), `to be ${show(e)}`),
    toEqual: (e: unknown) => check(deepEqual(actual, e), `to equal ${show(e)}`),
    toBeInstanceOf: (c: new (...a: never[]) => unknown) => check(actual instanceof c, `to be an instance of ${c.name}`),
    toContain: (e: unknown) =>
      check(
        typeof actual === 'string' ? actual.includes(String(e)) : (actual as unknown[]).includes(e),
        `to contain ${show(e)}`,
      ),
    toHaveLength: (n: number) => check((actual as { length: number }).length === n, `to have length ${n}`),
    toMatch: (r: RegExp | string) => check(new RegExp(r).test(String(actual)), `to match ${String(r)}`),
    toBeGreaterThan: (n: number) => check((actual as number) > n, `to be greater than ${n}`),
    toBeTruthy: () => check(Boolean(actual), 'to be truthy'),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toThrow: (expected?: unknown) => {
      const { threw, error } = thrown();
      let pass = threw;
      if (threw && typeof expected === 'function') pass = error instanceof (expected as new () => unknown);
      else if (threw && typeof expected === 'string') pass = String((error as Error)?.message).includes(expected);
      else if (threw && expected instanceof RegExp) pass = expected.test(String((error as Error)?.message));
      if (pass === negate) {
        throw new Error(
          `expected function ${negate ? 'not ' : ''}to throw ${expected ? String((expected as { name?: string }).name ?? expected) : ''}; got ${threw ? String(error) : 'no error'}`,
        );
      }
    },
  };
}

export function expect(actual: unknown) {
  return { ...matchers(actual, false), not: matchers(actual, true) };
}

export interface BrowserResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Runs every registered case in order and publishes the results. */
export async function run(): Promise<BrowserResult[]> {
  const results: BrowserResult[] = [];
  for (const c of cases) {
    try {
      await c.fn();
      results.push({ name: c.name, ok: true });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
}
