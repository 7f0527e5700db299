import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const WEB_DIR = join(ROOT, 'apps/web');
export const WEB_DIST = join(WEB_DIR, 'dist');
export const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Names of the libs a set of source files reaches: `@unlinked/<name>` imports and `libs/<name>/` paths. */
function libsNamedIn(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/@unlinked\/([\w-]+)|\blibs\/([\w-]+)\//g)) names.add(m[1] ?? m[2]);
  }
  return names;
}

/**
 * Every file and folder the web bundle is built from: apps/web's sources and
 * build config, and each lib it imports (vite.config.ts aliases, imports in
 * apps/web/src), followed through the libs' own imports. Derived, not listed,
 * so a lib the web app starts to use is covered without touching this file.
 */
export function webBuildSources(): string[] {
  const web = [
    join(WEB_DIR, 'src'),
    join(WEB_DIR, 'index.html'),
    join(WEB_DIR, 'vite.config.ts'),
    join(WEB_DIR, 'tsconfig.json'),
    // The web app's dependencies are the root install's.
    join(ROOT, 'package-lock.json'),
  ];
  const libs = libsNamedIn([...filesUnder(join(WEB_DIR, 'src')), join(WEB_DIR, 'vite.config.ts')]);
  const seen = new Set<string>();
  const pending = [...libs];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const dir = join(ROOT, 'libs', name, 'src');
    if (seen.has(name) || !existsSync(dir)) continue;
    seen.add(name);
    for (const next of libsNamedIn(filesUnder(dir))) if (!seen.has(next)) pending.push(next);
  }
  return [...web, ...[...seen].sort().map((name) => join(ROOT, 'libs', name, 'src'))].filter((p) => existsSync(p));
}

function isFresh(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    ...webBuildSources().map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
  return statSync(index).mtimeMs >= sources;
}

/**
 * Builds apps/web (from the root install) when dist is missing or older than any of its sources
 * (webBuildSources: web src and config, and every lib the bundle uses),
 * A build takes about two
 * seconds. Suites run in parallel, so the build holds a lock (an atomic mkdir)
 * and a waiting suite re-checks freshness afterwards instead of rebuilding
 * under a server that is already serving dist.
 */
export function ensureWebBuilt(): void {
  if (isFresh()) return;
  const lock = join(WEB_DIR, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another suite is building; a lock older than the deadline is stale.
      if (Date.now() > deadline) throw new Error(`apps/web build lock held too long: remove ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isFresh()) {
      // Jest sets NODE_ENV=test, which Vite would pass on to React (a development build): test what ships.
      execFileSync('npx', ['vite', 'build', WEB_DIR, '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  // Loaded on first use: suites that only build or bundle do not pay for it.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Collects console errors, page errors and every request a context makes. */
export class Watch {
  readonly errors: string[] = [];
  readonly requests: CapturedRequest[] = [];
  private readonly pending: Promise<void>[] = [];

  /** Waits until the full header sets of all captured requests are known. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  attach(context: BrowserContext): this {
    context.on('request', (r: Request) => {
      this.requests.push({
        url: r.url(),
        method: r.method(),
        headers: r.headers(),
        body: r.postData(),
      });
    });
    context.on('page', (p) => this.attachPage(p));
    for (const p of context.pages()) this.attachPage(p);
    return this;
  }

  private attachPage(page: Page): void {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
  }

  /** GraphQL requests whose body names one of `operations`. */
  graphql(predicate: (body: { query: string; variables?: Record<string, unknown> }) => boolean): CapturedRequest[] {
    return this.requests.filter((r) => {
      if (!r.url.endsWith('/graphql') || !r.body) return false;
      try {
        return predicate(JSON.parse(r.body) as { query: string });
      } catch {
        return false;
      }
    });
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The web app's device setting for token maturity (apps/web store/wallet-context.tsx MATURITY_SETTING). */
export const MATURITY_SETTING = 'unlinked.tokenMaturityMinutes';

/**
 * Sets the maturity delay of this context's web app, in minutes ("<min>-<max>"), before any page script runs.
 * The default is a random 15-120 minutes; a test that writes right after verifying sets '0' explicitly.
 */
export async function setTokenMaturity(context: BrowserContext, minutes: string): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      // Documents without storage (about:blank, downloads) throw on localStorage; only the app's pages need it.
      try {
        localStorage.setItem(key, value);
      } catch {
        /* not the app */
      }
    },
    [MATURITY_SETTING, minutes],
  );
}
