import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { FastifyInstance } from 'fastify';
import { Kind, type SelectionSetNode } from 'graphql';
import type { RedisClient } from '../redis/redis-client.js';

/**
 * Root queries an anonymous reader may see from a shared cache: what any reader gets for the same arguments. Anything
 * else (the session's account and quotas, an author polling its own write or moderation verdict, the issuer
 * directory, staff queries) is never cached, and any new query stays uncached until it is added here.
 */
export const PUBLIC_QUERIES: ReadonlySet<string> = new Set([
  'boards',
  'threads',
  'thread',
  'reviews',
  'searchThreads',
  'searchReviews',
  'company',
  'companies',
  'moderationLog',
  'feed',
  'search',
]);

/**
 * Whether an operation selects allow-listed public queries only: any other root selection (another field,
 * __typename, a fragment) makes it not public.
 */
export function isPublicOnly(selectionSet: SelectionSetNode): boolean {
  const selections = selectionSet.selections;
  return selections.length > 0 && selections.every((s) => s.kind === Kind.FIELD && PUBLIC_QUERIES.has(s.name.value));
}

/** Response header saying whether the shared response cache answered (`hit`) or not (`miss`). */
export const READ_CACHE_HEADER = 'x-read-cache';

interface HeaderSource {
  get(name: string): string | undefined;
}

/**
 * A request that carries anything a session could travel in (any Authorization, any cookie) is never read from or
 * written to the cache and is answered `private, no-store`: what a session sees never reaches a shared cache.
 */
export function carriesSession(headers: HeaderSource): boolean {
  return headers.get('authorization') !== undefined || (headers.get('cookie') ?? '').trim() !== '';
}

/**
 * Apollo's KeyValueCache on the API's own ioredis client, shared by every API instance (response cache and
 * persisted-query hashes). An entry with a TTL expires at the next multiple of that TTL in Unix time, so its expiry
 * dates the read that stored it no finer than that window (docs/data-inventory.md). A Redis failure is a cache miss,
 * never a failed read: reads keep working without Redis.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EXAT', windowOf(options.ttl).end);
      else await this.redis.set(this.prefix + key, value);
    } catch {
      // A lost write only costs a later miss.
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.redis.del(this.prefix + key);
    } catch {
      // Entries expire on their own.
    }
  }
}

/** The fixed window of `seconds` (Unix time) that now falls in: its start and end, in seconds. */
function windowOf(seconds: number, now = Date.now()): { start: number; end: number } {
  const size = Math.max(1, Math.ceil(seconds));
  const start = Math.floor(now / 1000 / size) * size;
  return { start, end: start + size };
}

/**
 * The response cache's store: each cached answer's `cacheTime` (from which Apollo computes the Age header) is moved
 * back to the start of its window, so neither its value nor its expiry keeps the millisecond of the read that stored
 * it. Age then overstates, never understates, how old the answer is.
 */
class WindowedResponseStore implements KeyValueCache<string> {
  constructor(private readonly inner: KeyValueCache<string>) {}

  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const entry = JSON.parse(value) as { cacheTime?: number };
    if (options?.ttl) entry.cacheTime = windowOf(options.ttl).start * 1000;
    return this.inner.set(key, JSON.stringify(entry), options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}

export interface ReadCacheOptions {
  /** Seconds a public read stays fresh in the shared cache and at HTTP caches (0: no caching). */
  maxAgeSeconds: number;
  /** Seconds an HTTP cache may serve a stale public read while it revalidates. */
  staleWhileRevalidateSeconds: number;
  cache: KeyValueCache<string>;
}

const anonymous = ({ request }: GraphQLRequestContext<BaseContext>) => !carriesSession(request.http!.headers);

/**
 * The read-cache plugins, in order: cache hints (every field of an allow-listed root query is public for
 * `maxAgeSeconds`, every other root field makes the response uncacheable), the shared response cache for requests
 * without a session, and the Cache-Control headers: `public, max-age, stale-while-revalidate` on cacheable GET
 * reads only, `no-store` on everything else, `private, no-store` when a session rides along.
 */
export function readCachePlugins(options: ReadCacheOptions): ApolloServerPlugin[] {
  const { maxAgeSeconds, staleWhileRevalidateSeconds } = options;
  const plugins: ApolloServerPlugin[] = [
    ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeSeconds, calculateHttpHeaders: false }),
  ];
  if (maxAgeSeconds > 0) {
    plugins.push(
      {
        // Once per operation, not per field: any root selection that is not an allow-listed query (another field,
        // __typename, a fragment) makes the whole answer uncacheable.
        async requestDidStart() {
          return {
            async didResolveOperation(ctx) {
              if (!ctx.operation || !isPublicOnly(ctx.operation.selectionSet)) {
                ctx.overallCachePolicy.restrict({ maxAge: 0 });
              }
            },
          };
        },
      },
      responseCachePlugin({
        cache: new WindowedResponseStore(options.cache),
        shouldReadFromCache: async (ctx) => anonymous(ctx),
        shouldWriteToCache: async (ctx) => anonymous(ctx),
      }),
    );
  }
  plugins.push({
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          const { request, response } = ctx;
          const headers = response.http.headers;
          if (!anonymous(ctx)) {
            headers.set('cache-control', 'private, no-store');
            return;
          }
          const policy = ctx.overallCachePolicy.policyIfCacheable();
          const single = response.body.kind === 'single' && !response.body.singleResult.errors;
          if (maxAgeSeconds > 0 && ctx.operation?.operation === 'query') {
            headers.set(READ_CACHE_HEADER, ctx.metrics.responseCacheHit ? 'hit' : 'miss');
          }
          if (request.http!.method === 'GET' && policy?.scope === 'PUBLIC' && single) {
            headers.set(
              'cache-control',
              `public, max-age=${policy.maxAge}, stale-while-revalidate=${staleWhileRevalidateSeconds}`,
            );
          } else {
            headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  });
  return plugins;
}

/** A strong validator of the response bytes (RFC 9110 §8.8.3). */
function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names `etag` (or is `*`), RFC 9110 §13.1.2 (weak comparison). */
function matches(ifNoneMatch: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Conditional GET for public reads: a response the read cache marked `public` gets an ETag of its bytes, and a
 * request whose If-None-Match names it gets 304 with no body (RFC 9110 §15.4.5), so browsers, CDNs and reverse
 * proxies revalidate without downloading the page again. Nothing else gets an ETag.
 */
export function registerConditionalGet(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || req.url.split('?')[0] !== path) return payload;
    const cacheControl = reply.getHeader('cache-control');
    if (typeof cacheControl !== 'string' || !cacheControl.startsWith('public') || typeof payload !== 'string') {
      return payload;
    }
    const etag = etagOf(payload);
    reply.header('etag', etag);
    const ifNoneMatch = req.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && matches(ifNoneMatch, etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}
