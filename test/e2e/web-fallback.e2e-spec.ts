import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';

/** The SPA fallback (apps/api/src/web): client routes get index.html; the server's own prefixes never do. */
describe('web app fallback', () => {
  let api: TestApi;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'unlinked-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Unlinked</title>');
    api = await startTestApi({ WEB_DIST_DIR: dist });
  });

  afterAll(async () => {
    await api.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/', '/c/baidu', '/t/1234', '/privacy'])('serves index.html for the client route %s', async (path) => {
    const res = await fetch(`${api.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<title>Unlinked</title>');
  });

  it.each([
    '/privacy-pass/nope',
    '/privacy-pass/baidu/post/unknown',
    '/.well-known/unknown',
    '/assets/missing.js',
    '/admin/unknown',
    '/graphql/x',
  ])('answers 404 JSON, not index.html, for the server path %s', async (path) => {
    const res = await fetch(`${api.url}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<title>Unlinked</title>');
  });
});
