import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ThreadsDocument, Transport } from '@unlinked/client';
import { encodeCursor, FORUM_REDIS, READ_CACHE_HEADER } from '@unlinked/platform';
import type { Redis } from 'ioredis';
import { openCompany, postThread, threadVariables, type TestCompany } from '../support/forum-client.js';
import { startTestApi, statementsDuring, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS, WAIT_MS } from '../support/timing.js';
import { until } from '../support/until.js';

/**
 * The shared read cache (libs/platform/src/graphql/read-cache.ts) over real HTTP, Redis and PostgreSQL: anonymous
 * public reads come from Redis the second time, GET persisted queries carry Cache-Control, ETag and 304, and nothing
 * a session sends, no private query and no mutation is ever cached. The publication delay is 4 s, so the cache may
 * hold a read 2 s (READ_CACHE_SECONDS) plus 2 s stale at an HTTP cache.
 */
const FRESH = 2;
const STALE = 2;

const BOARD = `query Board($slug: String) { threads(companySlug: $slug, first: 20) { edges { node { id title } } } }`;
const STATUS = `query Status($id: ID!) { contentStatus(id: $id) }`;
const MIXED = `query Mixed($slug: String, $id: ID!) { threads(companySlug: $slug, first: 1) { edges { node { id } } } contentStatus(id: $id) }`;
const CREATE = `mutation CreateThread($input: CreateThreadInput!, $token: String) { createThread(input: $input, token: $token) { id } }`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('read cache: anonymous public reads are shared, sessions and writes never are', () => {
  let api: TestApi;
  let company: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({
      RUN_WORKERS: 'true',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      PUBLISH_DELAY_MIN_SECONDS: '4',
      PUBLISH_DELAY_MAX_SECONDS: '4',
      READ_CACHE_SECONDS: String(FRESH),
      READ_CACHE_STALE_SECONDS: String(STALE),
    });
    company = await openCompany(api, 'alibaba', 25);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** How many SQL statements read content while `fn` runs (the worker's outbox relay polls meanwhile). */
  const contentQueries = async (fn: () => Promise<unknown>) =>
    (await statementsDuring(api, fn, /\b(threads|replies|reviews|companies)\b/)).length;

  function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    return fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  }

  /** A GET persisted query as the web client sends it (apollo-require-preflight passes Apollo's CSRF check). */
  function get(params: Record<string, unknown>, headers: Record<string, string> = {}) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    return fetch(`${api.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  }

  it('answers a second identical anonymous read from Redis without running SQL', async () => {
    const variables = { slug: 'tencent' };
    // Entries expire on fixed FRESH-second boundaries: a pair of reads straddling one misses twice, so try pairs.
    await until(
      async () => {
        const first = await post(BOARD, variables);
        const body = await first.text();
        let second: Response | undefined;
        const queries = await contentQueries(async () => (second = await post(BOARD, variables)));
        if (second!.headers.get(READ_CACHE_HEADER) !== 'hit') return false;
        expect(queries).toBe(0);
        expect(await second!.text()).toBe(body);
        // POST responses are for this client alone: HTTP caches get no-store.
        expect(second!.headers.get('cache-control')).toBe('no-store');
        return true;
      },
      WAIT_MS,
      'a cache hit',
    );
  });

  it.each([
    ['a cookie', 'baidu', { cookie: 'session=abc' }],
    ['a Bearer session', 'xiaomi', { authorization: 'Bearer abc' }],
  ])('never reads, writes or marks public a read carrying %s', async (_what, slug, session) => {
    const variables = { slug };
    for (const send of [() => post(BOARD, variables, session), () => get({ query: BOARD, variables }, session)]) {
      for (let i = 0; i < 2; i++) {
        let res: Response | undefined;
        expect(await contentQueries(async () => (res = await send()))).toBeGreaterThan(0);
        expect(res!.status).toBe(200);
        expect(res!.headers.get('cache-control')).toBe('private, no-store');
        expect(res!.headers.get(READ_CACHE_HEADER)).toBeNull();
        expect(res!.headers.get('etag')).toBeNull();
      }
    }
    // Nor did the session's reads fill the cache for anonymous readers.
    expect((await post(BOARD, variables)).headers.get(READ_CACHE_HEADER)).toBe('miss');
  });

  it('never caches a query outside the public allow-list, alone or beside a public one', async () => {
    const id = await postThread(api, company, 'Status polling', 'The author polls its own write.');
    for (const [query, variables] of [
      [STATUS, { id }],
      [MIXED, { slug: company.slug, id }],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        let res: Response | undefined;
        expect(await contentQueries(async () => (res = await post(query, variables)))).toBeGreaterThan(0);
        expect(res!.headers.get(READ_CACHE_HEADER)).toBe('miss');
        const got = await get({ query, variables });
        expect(got.headers.get('cache-control')).toBe('no-store');
        expect(got.headers.get('etag')).toBeNull();
      }
    }
  });

  it('serves GET persisted queries with public Cache-Control, an ETag and 304 on If-None-Match', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(BOARD) } };
    const variables = { slug: 'huawei' };
    // An unknown hash asks the client to send the query once (Apollo's automatic persisted queries).
    const unknown = (await (await get({ variables, extensions })).json()) as { errors: { message: string }[] };
    expect(unknown.errors[0].message).toBe('PersistedQueryNotFound');
    const registered = await get({ query: BOARD, variables, extensions });
    expect(registered.status).toBe(200);

    const res = await get({ variables, extensions });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(`public, max-age=${FRESH}, stale-while-revalidate=${STALE}`);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ data: { threads: { edges: [] } } });

    const notModified = await get({ variables, extensions }, { 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const changed = await get({ variables, extensions }, { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(body);
  });

  it("the client core's public reads go as GET persisted queries and come back from the shared cache", async () => {
    const seen: { method: string; status: number; cache: string | null; hit: string | null }[] = [];
    const client = new Transport({
      baseUrl: api.url,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        seen.push({
          method: init?.method ?? 'GET',
          status: res.status,
          cache: res.headers.get('cache-control'),
          hit: res.headers.get(READ_CACHE_HEADER),
        });
        return res;
      },
    });
    const variables = { companySlug: 'meituan', sort: 'New', first: 5 } as const;
    const first = await client.public(ThreadsDocument, variables);
    // Unknown hash (GET), registered by one POST; from then on GETs, one answered from the cache with public headers
    // (entries expire on fixed FRESH-second boundaries, so a GET may have to fill the cache again first).
    expect(seen.map((s) => s.method)).toEqual(['GET', 'POST']);
    await until(
      async () => {
        expect(await client.public(ThreadsDocument, variables)).toEqual(first);
        const last = seen[seen.length - 1];
        expect(last.method).toBe('GET');
        expect([last.status, last.cache]).toEqual([200, `public, max-age=${FRESH}, stale-while-revalidate=${STALE}`]);
        return last.hit === 'hit';
      },
      WAIT_MS,
      'a GET answered from the cache',
    );
  });

  it('keeps a later page ("Load more": the same read after a cursor) as cacheable as the first', async () => {
    const query = ThreadsDocument.toString();
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const after = encodeCursor([Number.MAX_SAFE_INTEGER, '00000000-0000-4000-8000-000000000000']);
    const variables = { companySlug: 'meituan', sort: 'New', first: 5, after };
    await until(
      async () => {
        const res = await get({ query, variables, extensions });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe(`public, max-age=${FRESH}, stale-while-revalidate=${STALE}`);
        expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
        return res.headers.get(READ_CACHE_HEADER) === 'hit';
      },
      WAIT_MS,
      'a later page answered from the cache',
    );
  });

  it('refuses a GET without a preflight-forcing header (CSRF) and never runs a mutation over GET', async () => {
    const csrf = await fetch(`${api.url}/graphql?${new URLSearchParams({ query: '{ boards { slug } }' })}`);
    expect(csrf.status).toBe(400);

    const before = (await api.dataSource.query(`SELECT count(*)::int AS n FROM threads`)) as { n: number }[];
    const res = await get({ query: CREATE, variables: threadVariables(api, company, 'Sent over GET', 'A link.') });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { data?: unknown }).data).toBeUndefined();
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM threads`)).toEqual(before);
  });

  it('never caches a POST mutation: the same token a second time is refused, not replayed', async () => {
    const variables = threadVariables(api, company, 'Posted once', 'A mutation answered twice would be a replay.');
    const first = await post(CREATE, variables);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get(READ_CACHE_HEADER)).toBeNull();
    expect(((await first.json()) as { data: { createThread: { id: string } } }).data.createThread.id).toBeDefined();
    const second = (await (await post(CREATE, variables)).json()) as { errors: { extensions: { code: string } }[] };
    expect(second.errors[0].extensions.code).toBe('TOKEN_ALREADY_USED');
  });

  it(
    'shows a publication within READ_CACHE_SECONDS: every stale answer comes from an entry younger than that',
    async () => {
      const variables = { slug: company.slug };
      await post(BOARD, variables); // warm the cache before the thread exists
      const redis = api.app.get<Redis>(FORUM_REDIS);
      const keys = await redis.keys(`${api.config.queuePrefix}:gql:fqc:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(await redis.pttl(key)).toBeLessThanOrEqual(FRESH * 1000);
        // Expiry on a fixed FRESH-second boundary, and the stored time at its window's start: no millisecond of the read.
        const expiresAt = Number(await redis.call('EXPIRETIME', key));
        // -2: the entry expired since KEYS listed it (other tests' entries expire on their own boundaries).
        if (expiresAt === -2) continue;
        expect(expiresAt % FRESH).toBe(0);
        const { cacheTime } = JSON.parse((await redis.get(key))!) as { cacheTime: number };
        expect(cacheTime).toBe((expiresAt - FRESH) * 1000);
      }

      const id = await postThread(api, company, 'Fresh news', 'Published after its delay.');
      // Reading all along keeps a cache entry alive across the moment of publication.
      await until(
        async () => {
          const published =
            (await api.gql<{ contentStatus: string }>(STATUS, { id })).data?.contentStatus === 'Published';
          const res = await post(BOARD, variables);
          const page = (await res.json()) as { data: { threads: { edges: { node: { id: string } }[] } } };
          if (page.data.threads.edges.some((e) => e.node.id === id)) return true;
          if (published) {
            // Published but not shown: only a cached answer may hide it, one stored within the last FRESH seconds.
            expect(res.headers.get(READ_CACHE_HEADER)).toBe('hit');
            expect(Number(res.headers.get('age'))).toBeLessThanOrEqual(FRESH);
          }
          return false;
        },
        LONG_WAIT_MS,
        'the thread on the cached board',
      );
    },
    LONG_WAIT_MS * 3,
  );
});
