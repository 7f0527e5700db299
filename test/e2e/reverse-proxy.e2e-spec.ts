import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/redis-server.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * docker/compose.yml's caching reverse proxy, run for real: nginx with docker/nginx/default.conf.template (rendered as
 * the nginx image's entrypoint renders it) in front of a test API. Anonymous public GET reads are served from its
 * cache the second time; nothing carrying a cookie or an Authorization header, no POST and no private query is.
 */
const BOARD = `query Board($slug: String) { threads(companySlug: $slug, first: 20) { edges { node { id } } } }`;
const STATUS = `query Status($id: ID!) { contentStatus(id: $id) }`;
const CACHE = 'x-cache-status';

/** The template with the variables the compose file sets, inside a minimal nginx.conf of a private prefix. */
function nginxConf(dir: string, apiPort: number, forumPort: number, identityPort: number): string {
  const values: Record<string, string> = {
    FORUM_UPSTREAM: `127.0.0.1:${apiPort}`,
    IDENTITY_UPSTREAM: `127.0.0.1:${apiPort}`,
    NGINX_LOCAL_RESOLVERS: '127.0.0.1',
    PROXY_CACHE_DIR: join(dir, 'cache'),
  };
  const rendered = readFileSync('docker/nginx/default.conf.template', 'utf8')
    .replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole)
    .replace('listen 80;', `listen 127.0.0.1:${forumPort};`)
    .replace('listen 81;', `listen 127.0.0.1:${identityPort};`);
  mkdirSync(join(dir, 'tmp'));
  return [
    // As root, nginx's workers would drop to `nobody`, which cannot write in this private directory.
    userInfo().uid === 0 ? 'user root;' : '',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'daemon off;',
    'events { worker_connections 64; }',
    'http {',
    `  client_body_temp_path ${join(dir, 'tmp')};`,
    `  proxy_temp_path ${join(dir, 'tmp')};`,
    rendered,
    '}',
  ].join('\n');
}

describe('reverse proxy (nginx): caches anonymous public GET reads, never a session, a POST or a private read', () => {
  let api: TestApi;
  let dir: string;
  let nginx: ChildProcess;
  let proxy: string;

  beforeAll(async () => {
    // Public reads stay fresh 30 s: long enough that two reads in a row on a loaded machine fall in one lifetime.
    api = await startTestApi({
      PUBLISH_DELAY_MIN_SECONDS: '60',
      PUBLISH_DELAY_MAX_SECONDS: '60',
      READ_CACHE_SECONDS: '30',
      READ_CACHE_STALE_SECONDS: '30',
    });
    dir = mkdtempSync(join(tmpdir(), 'unlinked-nginx-'));
    const [forumPort, identityPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConf(dir, Number(new URL(api.url).port), forumPort, identityPort));
    // `nginx -t`: the template is a valid configuration.
    execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', conf], { stdio: 'pipe' });
    nginx = spawn('nginx', ['-p', dir, '-c', conf], { stdio: 'ignore' });
    proxy = `http://127.0.0.1:${forumPort}`;
    await until(async () => (await fetch(`${proxy}/health`).catch(() => undefined))?.ok, undefined, 'nginx');
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A GET persisted-style read through the proxy (apollo-require-preflight passes Apollo's CSRF check). */
  function get(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    return fetch(`${proxy}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  }

  it('serves the second identical anonymous GET read from its cache', async () => {
    const first = await get(BOARD, { slug: 'tencent' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(first.headers.get(CACHE)).toBe('MISS');
    const second = await get(BOARD, { slug: 'tencent' });
    expect(second.headers.get(CACHE)).toBe('HIT');
    expect(await second.text()).toBe(await first.text());
  });

  it.each([
    ['a cookie', { cookie: 'session=abc' }],
    ['an Authorization header', { authorization: 'Bearer abc' }],
  ])('neither answers from nor fills its cache for a read carrying %s', async (_what, session) => {
    // A read already cached for anonymous readers is not handed to a session…
    await get(BOARD, { slug: 'baidu' });
    expect((await get(BOARD, { slug: 'baidu' })).headers.get(CACHE)).toBe('HIT');
    const withSession = await get(BOARD, { slug: 'baidu' }, session);
    expect(withSession.headers.get(CACHE)).toBe('BYPASS');
    expect(withSession.headers.get('cache-control')).toBe('private, no-store');
    // …and what a session reads is not stored for anyone.
    const variables = { slug: `xiaomi-${Object.keys(session)[0]}` };
    for (let i = 0; i < 2; i++) expect((await get(BOARD, variables, session)).headers.get(CACHE)).toBe('BYPASS');
    expect((await get(BOARD, variables)).headers.get(CACHE)).toBe('MISS');
  });

  it('never caches a POST', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${proxy}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: BOARD, variables: { slug: 'alibaba' } }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get(CACHE)).not.toBe('HIT');
    }
  });

  it('never caches a GET read the API marks no-store (a query outside the public allow-list)', async () => {
    const variables = { id: '00000000-0000-4000-8000-000000000000' };
    for (let i = 0; i < 2; i++) {
      const res = await get(STATUS, variables);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get(CACHE)).toBe('MISS');
    }
  });
});
