import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt, WEB_DIST } from './support/browser.js';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Gzip size in kB (1,000 bytes), as Vite's build output reports it. */
const gzipKb = (file: string) => gzipSync(readFileSync(join(WEB_DIST, file))).length / 1000;

/** The chunk `key` and every chunk it imports statically, transitively: what the browser loads before any page. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

/**
 * Issue 13: the first load stays under 120 kB of gzipped JavaScript. Pages, the reader's language and the curves
 * (issuance, ARC, signatures) are chunks loaded when needed (apps/web/src/app.tsx, i18n/index.ts,
 * store/write-crypto.ts); a static import that pulls one of them into the first load fails here.
 */
describe('web bundle size', () => {
  ensureWebBuilt();
  const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  const initial = [...staticClosure(manifest, entries[0])];
  const files = initial.map((k) => manifest[k].file);

  it('has one entry, index.html', () => {
    expect(entries).toEqual(['index.html']);
  });

  it('loads under 120 kB gzip of JavaScript before the first page', () => {
    const total = files.reduce((sum, f) => sum + gzipKb(f), 0);
    expect(files.length).toBeGreaterThan(1);
    expect(Math.round(total * 10) / 10).toBeLessThan(120);
  });

  it('keeps the curves and the write flows out of the first load', () => {
    const text = files.map((f) => readFileSync(join(WEB_DIST, f), 'utf8')).join('\n');
    const crypto = Object.keys(manifest).filter((k) => k.endsWith('store/write-crypto.ts'));
    expect(crypto).toHaveLength(1);
    expect(initial).not.toContain(crypto[0]);
    expect(manifest['index.html'].dynamicImports).toEqual(expect.arrayContaining(['src/pages/thread.tsx']));
    // Protocol labels the minifier keeps: RFC 9497's VOPRF context and ARC's suite name.
    expect(text).not.toMatch(/OPRFV1|ARCV1/);
  });
});
