import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basename } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, Watch } from './support/browser.js';
import { bundleLibrarySpecs } from './support/bundle-lib-specs.js';

interface BrowserResult {
  name: string;
  ok: boolean;
  error?: string;
}

/**
 * The privacy-pass library's own specs (RFC 9497/9578 vectors, round trips,
 * tamper and strictness checks) bundled for the browser and run in headless
 * Chromium, so the code the web app ships is proven where it runs.
 */
describe('privacy-pass in the browser', () => {
  let browser: Browser;
  let results: BrowserResult[];
  let files: string[];
  const watch = new Watch();

  beforeAll(async () => {
    const bundle = await bundleLibrarySpecs();
    files = bundle.files;
    browser = await launchChromium();
    const context = await browser.newContext();
    watch.attach(context);
    const page = await context.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.code });
    await page.waitForFunction(() => (window as unknown as { __ppResults?: unknown }).__ppResults !== undefined, null, {
      timeout: 120_000,
    });
    results = await page.evaluate(() => (window as unknown as { __ppResults: BrowserResult[] }).__ppResults);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('bundles every spec file of the library, including the RFC vector suites', () => {
    const names = files.map((f) => basename(f));
    expect(names).toEqual(
      expect.arrayContaining(['rfc9497-vectors.spec.ts', 'rfc9578-vectors.spec.ts', 'issuance.portable.spec.ts']),
    );
  });

  it('runs the specs in Chromium and every one passes', () => {
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('ran the RFC 9578 and RFC 9497 test vectors and a real round trip', () => {
    const names = results.map((r) => r.name).join('\n');
    expect(names).toMatch(/9578|token/i);
    expect(results.some((r) => /round trip/i.test(r.name) && r.ok)).toBe(true);
  });

  it('logged no console errors', () => {
    expect(watch.errors).toEqual([]);
  });
});
