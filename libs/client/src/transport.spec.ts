import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import {
  ContentStatusDocument,
  CreateThreadDocument,
  MeDocument,
  ModerationQueueDocument,
  ThreadsDocument,
} from './operations/generated.js';
import { recordingTransport } from './testing.spec-helper.js';
import { createHash } from 'node:crypto';
import {
  ANONYMOUS_DELAY,
  DISCOVERY_PATH,
  queryName,
  randomDelayMs,
  Transport,
  type RequestOptions,
} from './transport.js';

const THREAD_INPUT = {
  input: { companySlug: 'acme', board: null, title: 't', body: 'b', authorKey: 'k', signature: 's' },
  token: 'tok',
};

async function refused(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return (e as ApiError).code;
}

describe('Transport (privacy rule 4)', () => {
  it('sends an anonymous write with no session, no cookie and no referrer', async () => {
    const { transport, sent } = recordingTransport(() => ({ data: { createThread: { id: '1', status: 'Pending' } } }));
    await transport.anonymous(CreateThreadDocument, THREAD_INPUT);
    expect(sent).toHaveLength(1);
    const [req] = sent;
    expect(req.url).toBe('https://api.test/graphql');
    expect(req.init.credentials).toBe('omit');
    expect(req.init.referrerPolicy).toBe('no-referrer');
    expect(Object.keys(req.headers)).toEqual(['content-type']);
    expect(req.body?.query).toContain('mutation CreateThread');
    expect(req.body?.variables).toEqual(THREAD_INPUT);
  });

  it('refuses a session on an anonymous write, and sends nothing', async () => {
    const { transport, sent } = recordingTransport();
    const opts = { session: 'secret-session' } as RequestOptions;
    expect(await refused(transport.anonymous(CreateThreadDocument, THREAD_INPUT, opts))).toBe('SESSION_NOT_ALLOWED');
    expect(sent).toHaveLength(0);
  });

  it.each([
    ['authorization', 'Bearer secret-session'],
    ['Authorization', 'Basic dXNlcg=='],
    ['Cookie', 'sid=1'],
  ])('refuses a %s header on an anonymous write, and sends nothing', async (name, value) => {
    const { transport, sent } = recordingTransport();
    const headers = { [name]: value };
    expect(await refused(transport.anonymous(CreateThreadDocument, THREAD_INPUT, { headers }))).toBe(
      'SESSION_NOT_ALLOWED',
    );
    expect(await refused(transport.public(ThreadsDocument, { sort: 'New', first: 1 }, { headers }))).toBe(
      'SESSION_NOT_ALLOWED',
    );
    expect(sent).toHaveLength(0);
  });

  it('lets a PrivateToken credential ride on an anonymous write', async () => {
    const { transport, sent } = recordingTransport(() => ({ data: { createThread: { id: '1', status: 'Pending' } } }));
    const headers = { authorization: 'PrivateToken token="abc"' };
    await transport.anonymous(CreateThreadDocument, { input: THREAD_INPUT.input }, { headers });
    expect(sent[0].headers.authorization).toBe('PrivateToken token="abc"');
  });

  it('sends the session as a bearer only on the identity path, still without cookies', async () => {
    const { transport, sent } = recordingTransport(() => ({ data: { me: null } }));
    await transport.identity(MeDocument, {}, { session: 'sess' });
    await transport.identity(MeDocument, {});
    expect(sent.map((r) => r.headers.authorization)).toEqual(['Bearer sess', undefined]);
    expect(sent.every((r) => r.init.credentials === 'omit')).toBe(true);
  });

  it('waits before an anonymous write', async () => {
    const order: string[] = [];
    const slow = new Transport({
      fetch: async () => {
        order.push('sent');
        return new Response(JSON.stringify({ data: { createThread: { id: '1', status: 'Pending' } } }));
      },
      anonymousDelayMs: () => {
        order.push('delay');
        return 1;
      },
    });
    await slow.anonymous(CreateThreadDocument, THREAD_INPUT);
    expect(order).toEqual(['delay', 'sent']);
  });

  it('draws the random delay within its bounds', () => {
    for (let i = 0; i < 200; i++) {
      const d = randomDelayMs();
      expect(d).toBeGreaterThanOrEqual(ANONYMOUS_DELAY.min);
      expect(d).toBeLessThanOrEqual(ANONYMOUS_DELAY.max);
    }
  });

  it('keeps the PrivateToken challenge of a 401 refusal (RFC 9577 §2.1) on the ApiError', async () => {
    const challenge = 'PrivateToken challenge="AAE=", token-key="AAE="';
    const transport = new Transport({
      fetch: async () =>
        new Response(
          JSON.stringify({
            errors: [{ message: 'needs a token', extensions: { code: 'TOKEN_REQUIRED', wwwAuthenticate: challenge } }],
            data: null,
          }),
          { status: 401, headers: { 'www-authenticate': challenge } },
        ),
      anonymousDelayMs: () => 0,
    });
    const e = await transport.anonymous(CreateThreadDocument, THREAD_INPUT).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect([(e as ApiError).code, (e as ApiError).challenge]).toEqual(['TOKEN_REQUIRED', challenge]);
  });

  it('turns GraphQL errors into ApiError with the extension code', async () => {
    const { transport } = recordingTransport(() => ({
      errors: [{ message: 'used', extensions: { code: 'TOKEN_ALREADY_USED' } }],
    }));
    expect(await refused(transport.anonymous(CreateThreadDocument, THREAD_INPUT))).toBe('TOKEN_ALREADY_USED');
  });

  it('keeps the field and limit an error names, and nothing else of its extensions', async () => {
    const { transport } = recordingTransport(() => ({
      errors: [{ message: 'long', extensions: { code: 'TEXT_TOO_LONG', field: 'body', max: 10_000, other: 'x' } }],
    }));
    const err = await transport.anonymous(CreateThreadDocument, THREAD_INPUT).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEXT_TOO_LONG', details: { field: 'body', max: 10_000 } });
    expect((err as ApiError).details).toEqual({ field: 'body', max: 10_000 });
  });

  it('reports a failed fetch as NETWORK_ERROR', async () => {
    const down = new Transport({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      anonymousDelayMs: () => 0,
    });
    expect(await refused(down.public(ThreadsDocument, { sort: 'New', first: 1 }))).toBe('NETWORK_ERROR');
  });
});

describe('Transport: cacheable public reads as GET persisted queries', () => {
  const THREADS_VARS = { companySlug: 'acme', sort: 'New', first: 20 } as const;
  const hashOf = (doc: { toString(): string }) => createHash('sha256').update(doc.toString()).digest('hex');

  it('sends a cacheable read as a GET with the document hash, no body, no session and no content type', async () => {
    const { transport, sent } = recordingTransport(() => ({ data: { threads: { edges: [] } } }));
    expect(await transport.public(ThreadsDocument, THREADS_VARS)).toEqual({ threads: { edges: [] } });
    expect(sent).toHaveLength(1);
    const [req] = sent;
    const url = new URL(req.url);
    expect(url.pathname).toBe('/graphql');
    expect(url.searchParams.get('query')).toBeNull();
    expect(url.searchParams.get('operationName')).toBe('Threads');
    expect(JSON.parse(url.searchParams.get('variables')!)).toEqual(THREADS_VARS);
    expect(JSON.parse(url.searchParams.get('extensions')!)).toEqual({
      persistedQuery: { version: 1, sha256Hash: hashOf(ThreadsDocument) },
    });
    expect(req.init.method).toBe('GET');
    expect(req.init.body).toBeUndefined();
    expect(req.init.credentials).toBe('omit');
    expect(req.init.cache).toBe('default');
    expect(req.headers).toEqual({ 'apollo-require-preflight': 'true' });
  });

  it('registers an unknown document once with a POST carrying the query and its hash', async () => {
    const { transport, sent } = recordingTransport((req) =>
      req.init.method === 'GET'
        ? { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }
        : { data: { threads: { edges: [] } } },
    );
    expect(await transport.public(ThreadsDocument, THREADS_VARS)).toEqual({ threads: { edges: [] } });
    expect(sent.map((r) => r.init.method)).toEqual(['GET', 'POST']);
    const body = sent[1].body as { query: string; extensions?: unknown };
    expect(body.query).toContain('query Threads');
    expect(body.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: hashOf(ThreadsDocument) } });
  });

  it('keeps reads outside the cacheable list (an author polling its own write) in a POST body', async () => {
    const { transport, sent } = recordingTransport(() => ({ data: { contentStatus: 'Pending' } }));
    await transport.public(ContentStatusDocument, { id: 'b7c1' });
    expect(sent[0].init.method).toBe('POST');
    expect(sent[0].url).toBe('https://api.test/graphql');
  });

  it('names queries, and no mutation', () => {
    expect(queryName(ThreadsDocument.toString())).toBe('Threads');
    expect(queryName(CreateThreadDocument.toString())).toBeUndefined();
  });
});

describe('Transport: identity service and forum apart (issue 15, RFC 9576 split)', () => {
  const discovered = (identity: unknown, status = 200) =>
    recordingTransport(
      (req) =>
        req.url.endsWith(DISCOVERY_PATH)
          ? new Response(JSON.stringify({ identity }), { status })
          : { data: { me: null, threads: null, moderationQueue: null } },
      { discover: true },
    );

  it("sends identity operations and the issuer where the forum's discovery document says, the rest to the forum", async () => {
    const { transport, sent } = discovered('https://id.test/');
    await transport.identity(MeDocument, {}, { session: 'sess' });
    await transport.issuer('/privacy-pass/acme/post/issuer-directory');
    await transport.public(ThreadsDocument, { sort: 'New', first: 1 });
    await transport.anonymous(CreateThreadDocument, THREAD_INPUT);
    await transport.staff(ModerationQueueDocument, { first: 1 }, { session: 'staff' });
    await transport.identity(MeDocument, {});
    // Asked once, without credentials or referrer. (The public read goes as a GET persisted query.)
    expect(sent.map((r) => r.url.split('?')[0])).toEqual([
      `https://api.test${DISCOVERY_PATH}`,
      'https://id.test/graphql',
      'https://id.test/privacy-pass/acme/post/issuer-directory',
      'https://api.test/graphql',
      'https://api.test/graphql',
      'https://api.test/graphql',
      'https://id.test/graphql',
    ]);
    expect([sent[0].init.credentials, sent[0].init.referrerPolicy]).toEqual(['omit', 'no-referrer']);
    // The member's session went to the identity service only; the forum saw a staff bearer on moderation only.
    expect(sent.map((r) => r.headers.authorization)).toEqual([
      undefined,
      'Bearer sess',
      undefined,
      undefined,
      undefined,
      'Bearer staff',
      undefined,
    ]);
  });

  it.each([
    ['null (same origin)', null, 200],
    ['a 404 (a forum without the document)', undefined, 404],
  ])('keeps identity operations at the forum on %s', async (_name, identity, status) => {
    const { transport, sent } = discovered(identity, status);
    await transport.identity(MeDocument, {});
    expect(sent.map((r) => r.url)).toEqual([`https://api.test${DISCOVERY_PATH}`, 'https://api.test/graphql']);
  });

  it('refuses a document that names no http(s) URL, sends no identity request, and asks again next time', async () => {
    const { transport, sent } = discovered('javascript:alert(1)');
    expect(await refused(transport.identity(MeDocument, {}, { session: 'sess' }))).toBe('SERVER_ERROR');
    expect(await refused(transport.identity(MeDocument, {}, { session: 'sess' }))).toBe('SERVER_ERROR');
    expect(sent.map((r) => r.url)).toEqual([`https://api.test${DISCOVERY_PATH}`, `https://api.test${DISCOVERY_PATH}`]);
  });

  it('does not ask when given the identity URL, or when not told to discover (same origin)', async () => {
    const given = recordingTransport(undefined, { identityUrl: 'https://id.test', discover: true });
    await given.transport.identity(MeDocument, {});
    expect(given.sent.map((r) => r.url)).toEqual(['https://id.test/graphql']);
    const plain = recordingTransport();
    await plain.transport.identity(MeDocument, {});
    expect(plain.sent.map((r) => r.url)).toEqual(['https://api.test/graphql']);
  });
});
