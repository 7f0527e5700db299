import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, WEB_DIR, webBuildSources } from './support/browser.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The browser suites rebuild apps/web when any source of the bundle is newer
 * than dist; a folder missing from that list lets a suite test a stale bundle.
 */
describe('web build freshness check', () => {
  const sources = webBuildSources().map((p) => relative(ROOT, p));

  it('covers the web sources, its build config and the libs the bundle imports', () => {
    expect(sources).toEqual(
      expect.arrayContaining([
        'apps/web/src',
        'apps/web/index.html',
        'apps/web/vite.config.ts',
        'package-lock.json',
        'libs/client/src',
        'libs/authorship/src',
        'libs/privacy-pass/src',
      ]),
    );
  });

  it('covers every lib that apps/web/src or a vite alias reaches', () => {
    const text = [...files(join(WEB_DIR, 'src')), join(WEB_DIR, 'vite.config.ts')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const imported = new Set([...text.matchAll(/@unlinked\/([\w-]+)/g)].map((m) => m[1]));
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) expect(sources).toContain(`libs/${name}/src`);
  });

  it('names only paths that exist', () => {
    for (const p of webBuildSources()) expect(statSync(p).mtimeMs).toBeGreaterThan(0);
  });
});
