import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';

/**
 * The SPA fallback (apps/api/src/web): client routes get index.html; the server's own prefixes never do. And the
 * browser security headers (issue 12): a strict CSP on the app page, helmet's headers on every answer.
 */
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

  it('sends a strict CSP and the browser security headers with the app page', async () => {
    const res = await fetch(`${api.url}/c/baidu`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('names no other identity service in /.well-known/unlinked by default, and connects nowhere else (one origin)', async () => {
    const res = await fetch(`${api.url}/.well-known/unlinked`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await res.json()).toEqual({ identity: null });
    expect((await fetch(`${api.url}/c/baidu`)).headers.get('content-security-policy')).toContain("connect-src 'self';");
    // No CORS on one origin: no other page may call the API with a session.
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends nosniff and frame protection on GraphQL answers too', async () => {
    const res = await api.gql('{ __typename }');
    expect(res.status).toBe(200);
    const raw = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect(raw.headers.get('x-frame-options')).toBe('DENY');
    expect(raw.headers.get('permissions-policy')).toContain('geolocation=()');
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

  /** GET `path` with a Host header, as a client that resolved that name to this server would send it. */
  function getAt(host: string, path: string): Promise<{ status: number; type: string; body: string }> {
    const server = new URL(api.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: server.hostname, port: server.port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it.each([
    ['the origin', '/privacy-pass/baidu/post/issuer-directory/'],
    ['the origin', '/.well-known/private-token-issuer-directory/'],
    ['an issuer name', '/.well-known/private-token-issuer-directory/'],
    ['an issuer name', '/'],
    ['an issuer name', '/token-request'],
    ['an issuer name', '/c/baidu'],
  ])('never answers the app for a directory URL with a trailing slash or any page at %s: %s', async (where, path) => {
    const origin = new URL(api.config.publicUrl).host;
    const res = await getAt(where === 'the origin' ? origin : `baidu.post.issuer.${origin}`, path);
    expect(res.status).toBe(404);
    expect(res.type).not.toContain('text/html');
    expect(res.body).not.toContain('<title>Unlinked</title>');
  });

  it('serves the directory itself at the issuer name, without the slash', async () => {
    const res = await getAt(
      `baidu.post.issuer.${new URL(api.config.publicUrl).host}`,
      '/.well-known/private-token-issuer-directory',
    );
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/private-token-issuer-directory');
  });
});
