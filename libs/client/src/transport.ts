/**
 * A small typed GraphQL client over fetch, for the browser and the CLI.
 *
 * Two services (issue 15, RFC 9576 split): the forum (origin) at `baseUrl`, and the identity service (attester +
 * issuer) at `identityUrl`, or where the forum's `/.well-known/unlinked` says (`discover`), or the same origin.
 *
 * Request paths that never mix (privacy.md rule 4):
 * - `identity` goes to the identity service and may carry the session bearer token (verification, account, quota,
 *   sign-out); `issuer` is its plain HTTP (Privacy Pass issuance, with the session where the issuer needs it).
 * - `staff` goes to the forum with a moderator's or admin's bearer (moderation: the forum asks the identity
 *   service whose session it is).
 * - `public` reads carry nothing that identifies the client. The cacheable ones (CACHEABLE_READS) go as GET
 *   persisted queries (a hash of the document, Apollo's automatic persisted queries), so the browser, a CDN or a
 *   reverse proxy can serve them and revalidate with the ETag; the rest, which may carry an author's proof, stay POST
 *   bodies and never appear in a URL.
 * - `anonymous` writes never carry a session: a session, a Bearer or other non-PrivateToken
 *   Authorization, or a Cookie header is refused before anything is sent; the request goes
 *   with `credentials: 'omit'`, no referrer, after a small random delay so the moment of
 *   sending does not line up with other activity of the same client.
 *
 * Documents are the generated typed strings (operations/generated.ts): the result and
 * variables types come from the document, so a call cannot disagree with the schema.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ApiError, errorDetails } from './errors.js';

/** A generated operation: a GraphQL document string that carries its result and variables types. */
export type Operation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

export interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; wwwAuthenticate?: string } & Record<string, unknown> }[];
}

export interface RequestOptions {
  /** Bearer session token (identity side only). */
  session?: string | null;
  /** Extra headers (e.g. `Authorization: PrivateToken token=...` on anonymous writes). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type AnonymousRequestOptions = Omit<RequestOptions, 'session'>;

export interface TransportOptions {
  /** Base URL of the forum (the site's address), '' for the page's own origin. */
  baseUrl?: string;
  /** Base URL of the identity service; unset: `discover`, or the forum's own `baseUrl`. */
  identityUrl?: string;
  /** Ask the forum's DISCOVERY_PATH for the identity service's URL (once, on the first identity request). */
  discover?: boolean;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Delay before an anonymous write, in milliseconds; defaults to a random 150–900 ms. */
  anonymousDelayMs?: () => number;
}

/** Bounds of the random delay before an anonymous write, in milliseconds. */
export const ANONYMOUS_DELAY = { min: 150, max: 900 } as const;

export function randomDelayMs(): number {
  const r = new Uint32Array(1);
  crypto.getRandomValues(r);
  return ANONYMOUS_DELAY.min + (r[0] % (ANONYMOUS_DELAY.max - ANONYMOUS_DELAY.min + 1));
}

/** The forum's public document naming the identity service (libs/platform service-discovery.ts). */
export const DISCOVERY_PATH = '/.well-known/unlinked';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Public reads whose answer is the same for every reader, which the server caches and marks `public` (its
 * PUBLIC_QUERIES allow-list, libs/platform/src/graphql/read-cache.ts): sent as GET so HTTP caches can keep them.
 * Their variables name public things only (slugs, ids, cursors), so they may sit in a URL.
 */
export const CACHEABLE_READS: ReadonlySet<string> = new Set([
  'Boards',
  'Companies',
  'Company',
  'CompanyDirectory',
  'CompanyPage',
  'Feed',
  'ModerationLog',
  'Reviews',
  'Thread',
  'Threads',
]);

/** The operation name of a document (`query Threads(...)` → Threads), undefined for a mutation or anonymous query. */
export function queryName(document: string): string | undefined {
  return /^\s*(?:#[^\n]*\n\s*)*query\s+(\w+)/.exec(document)?.[1];
}

const hashes = new Map<string, string>();

/** SHA-256 of the document as lowercase hex: its id for Apollo's automatic persisted queries (memoised). */
export function documentHash(document: string): string {
  let hash = hashes.get(document);
  if (!hash) {
    // @noble/hashes rather than crypto.subtle, which a page served over plain HTTP from another host lacks.
    hash = bytesToHex(sha256(new TextEncoder().encode(document)));
    hashes.set(document, hash);
  }
  return hash;
}

/** Headers an anonymous write may carry: only a PrivateToken credential, never a session or cookie. */
export function anonymousHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  for (const [k, v] of Object.entries(extra)) {
    const name = k.toLowerCase();
    if (name === 'cookie') throw new ApiError('SESSION_NOT_ALLOWED', 'an anonymous request may not carry a cookie');
    if (name === 'authorization' && !/^PrivateToken\s/i.test(v)) {
      throw new ApiError('SESSION_NOT_ALLOWED', 'an anonymous request may only carry a PrivateToken credential');
    }
    headers[k] = v;
  }
  return headers;
}

const trimmed = (url: string) => url.replace(/\/$/, '');

function bearerHeaders(opts: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { ...JSON_HEADERS, ...opts.headers };
  if (opts.session) headers.authorization = `Bearer ${opts.session}`;
  return headers;
}

export class Transport {
  private readonly base: string;
  private identityBase: Promise<string> | null;
  private readonly fetcher: typeof fetch;
  private readonly delayMs: () => number;

  constructor(opts: TransportOptions = {}) {
    this.base = trimmed(opts.baseUrl ?? '');
    this.identityBase =
      opts.identityUrl !== undefined || !opts.discover ? Promise.resolve(trimmed(opts.identityUrl ?? this.base)) : null;
    // Bound late so a test or polyfill that replaces globalThis.fetch is honoured.
    this.fetcher = opts.fetch ?? ((input, init) => fetch(input, init));
    this.delayMs = opts.anonymousDelayMs ?? randomDelayMs;
  }

  /** A URL at the forum. */
  private url(path: string): string {
    return `${this.base}${path}`;
  }

  /**
   * The identity service's base URL: given, or named by the forum's discovery document (asked once; a forum
   * without one, 404, means the same origin; a failed request is asked again next time).
   */
  identityUrl(): Promise<string> {
    this.identityBase ??= this.discoverIdentity().catch((e: unknown) => {
      this.identityBase = null;
      throw e;
    });
    return this.identityBase;
  }

  private async discoverIdentity(): Promise<string> {
    const res = await this.fetch(this.url(DISCOVERY_PATH), { referrerPolicy: 'no-referrer' });
    if (res.status === 404) return this.base;
    let identity: unknown;
    try {
      identity = ((await res.json()) as { identity?: unknown }).identity;
    } catch {
      identity = undefined;
    }
    if (!res.ok || (identity !== null && (typeof identity !== 'string' || !/^https?:\/\/[^/]/.test(identity)))) {
      throw new ApiError('SERVER_ERROR', `${DISCOVERY_PATH}: HTTP ${res.status}, no identity service named`);
    }
    return identity === null ? this.base : trimmed(identity);
  }

  /** Never with cookies. Network failures become NETWORK_ERROR; HTTP statuses are left to the caller. */
  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetcher(url, { cache: 'no-store', ...init, credentials: 'omit' });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'network error');
    }
  }

  /** A plain HTTP request to the identity service (Privacy Pass issuer), never with cookies. */
  async issuer(path: string, init: RequestInit = {}): Promise<Response> {
    return this.fetch(`${await this.identityUrl()}${path}`, init);
  }

  /** Identity-side operations, at the identity service. Sends the session only when given one. */
  async identity<R, V>(doc: Operation<R, V>, variables: V, opts: RequestOptions = {}): Promise<R> {
    return this.send(await this.identityUrl(), doc, variables, { headers: bearerHeaders(opts), signal: opts.signal });
  }

  /** Moderation at the forum, under a moderator's or admin's bearer (checked by the forum at the identity service). */
  async staff<R, V>(doc: Operation<R, V>, variables: V, opts: RequestOptions = {}): Promise<R> {
    return this.send(this.base, doc, variables, { headers: bearerHeaders(opts), signal: opts.signal });
  }

  /** Public reads: nothing that identifies the client; cacheable ones as GET persisted queries. */
  async public<R, V>(doc: Operation<R, V>, variables: V, opts: AnonymousRequestOptions = {}): Promise<R> {
    const init: RequestInit = {
      headers: anonymousHeaders(opts.headers),
      referrerPolicy: 'no-referrer',
      signal: opts.signal,
    };
    const query = doc.toString();
    const name = queryName(query);
    if (!name || !CACHEABLE_READS.has(name)) return this.send(this.base, doc, variables, init);
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(query) } };
    const params = new URLSearchParams({
      operationName: name,
      variables: JSON.stringify(variables ?? {}),
      extensions: JSON.stringify(extensions),
    });
    const { 'content-type': _json, ...headers } = init.headers as Record<string, string>;
    const res = await this.fetch(this.url(`/graphql?${params}`), {
      ...init,
      method: 'GET',
      // Apollo's CSRF protection answers a GET only with a header a form or an <img> cannot send.
      headers: { ...headers, 'apollo-require-preflight': 'true' },
      // Let the browser's HTTP cache keep public reads and revalidate them with If-None-Match.
      cache: 'default',
    });
    const body = await this.parse<R>(res);
    if (body.errors?.[0]?.extensions?.code !== 'PERSISTED_QUERY_NOT_FOUND') return this.data(body, res);
    // First use of this document on the server (or its cache was lost): send it once with its hash, which stores it.
    return this.send(this.base, doc, variables, init, extensions);
  }

  /** Anonymous writes: never a session, never a cookie, after a random delay. */
  async anonymous<R, V>(doc: Operation<R, V>, variables: V, opts: AnonymousRequestOptions = {}): Promise<R> {
    if ((opts as RequestOptions).session) {
      throw new ApiError('SESSION_NOT_ALLOWED', 'an anonymous request may not carry a session');
    }
    const headers = anonymousHeaders(opts.headers);
    await new Promise((r) => setTimeout(r, this.delayMs()));
    return this.send(this.base, doc, variables, { headers, referrerPolicy: 'no-referrer', signal: opts.signal });
  }

  private async send<R, V>(
    base: string,
    doc: Operation<R, V>,
    variables: V,
    init: RequestInit,
    extensions?: object,
  ): Promise<R> {
    const res = await this.fetch(`${base}/graphql`, {
      ...init,
      method: 'POST',
      body: JSON.stringify({ query: doc.toString(), variables, extensions }),
    });
    return this.data(await this.parse<R>(res), res);
  }

  private async parse<R>(res: Response): Promise<GqlResponse<R>> {
    try {
      return (await res.json()) as GqlResponse<R>;
    } catch {
      throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR', `HTTP ${res.status}`);
    }
  }

  private data<R>(body: GqlResponse<R>, res: Response): R {
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new ApiError(
        e.extensions?.code ?? 'SERVER_ERROR',
        e.message,
        errorDetails(e.extensions),
        typeof e.extensions?.wwwAuthenticate === 'string' ? e.extensions.wwwAuthenticate : undefined,
      );
    }
    if (!body.data) throw new ApiError('SERVER_ERROR', `HTTP ${res.status}`);
    return body.data;
  }
}

/**
 * The process-wide transport the apps use (the web app: its own origin, and the identity service it discovers; the
 * CLI points it at --api). Libraries take a Transport argument where a test needs
 * another one.
 */
let current = new Transport();

export function configureTransport(opts: TransportOptions): Transport {
  current = new Transport(opts);
  return current;
}

export function transport(): Transport {
  return current;
}

export function identityRequest<R, V>(doc: Operation<R, V>, variables: V, opts?: RequestOptions): Promise<R> {
  return current.identity(doc, variables, opts);
}

export function staffRequest<R, V>(doc: Operation<R, V>, variables: V, opts?: RequestOptions): Promise<R> {
  return current.staff(doc, variables, opts);
}

export function publicRequest<R, V>(doc: Operation<R, V>, variables: V, opts?: AnonymousRequestOptions): Promise<R> {
  return current.public(doc, variables, opts);
}

export function anonymousRequest<R, V>(doc: Operation<R, V>, variables: V, opts?: AnonymousRequestOptions): Promise<R> {
  return current.anonymous(doc, variables, opts);
}
