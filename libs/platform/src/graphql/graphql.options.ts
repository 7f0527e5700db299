import { join } from 'node:path';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '@unlinked/config';
import { GraphQLError, type ValidationContext } from 'graphql';
import { formatGraphQLError } from './format-error.js';
import { readCachePlugins, RedisKeyValueCache } from './read-cache.js';
import type { RedisClient } from '../redis/redis-client.js';
import { replicaReadsPlugin, usesReplicas } from '../database/replica-reads.js';

/** Where the generated schema is committed; a test fails when it is stale. */
export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

/** Armor rejects with a plain validation error; re-raise it with a stable code. */
function rejectWith(code: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) =>
        ctx?.reportError(new GraphQLError(error.message, { extensions: { code } })),
    ],
  };
}

/**
 * Development writes the schema file at boot; production keeps it in memory (read-only images). `redis` holds the
 * cache every API instance shares: persisted-query hashes and anonymous public reads (read-cache.ts).
 */
export function graphqlOptions(
  config: AppConfig,
  schemaFile: string | boolean = config.production ? true : SCHEMA_FILE,
  redis?: RedisClient,
  cachePrefix = config.queuePrefix,
): ApolloDriverConfig {
  const cache = redis ? new RedisKeyValueCache(redis, `${cachePrefix}:gql:`) : undefined;
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ...rejectWith('QUERY_TOO_DEEP') },
    maxAliases: { n: config.graphql.maxAliases, ...rejectWith('TOO_MANY_ALIASES') },
    costLimit: { maxCost: config.graphql.maxCost, ...rejectWith('QUERY_TOO_COMPLEX') },
    maxDirectives: { n: 20, ...rejectWith('TOO_MANY_DIRECTIVES') },
    maxTokens: { n: 2000, ...rejectWith('QUERY_TOO_LARGE') },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return {
    autoSchemaFile: schemaFile,
    sortSchema: true,
    path: '/graphql',
    introspection: config.graphql.introspection,
    playground: false,
    // Armor's typings come from Apollo's CJS build; the objects are the same at run time.
    plugins: [
      ...(armor.plugins as ApolloServerPlugin[]),
      ...(usesReplicas(config) ? [replicaReadsPlugin()] : []),
      ...(cache
        ? readCachePlugins({
            cache,
            maxAgeSeconds: config.graphql.readCacheSeconds,
            staleWhileRevalidateSeconds: config.graphql.readCacheStaleSeconds,
          })
        : []),
      ...(config.production ? [] : [ApolloServerPluginLandingPageLocalDefault()]),
    ],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries (the web client's GET reads send a hash), shared by every instance through Redis.
    // Apollo refuses a mutation over GET and, with csrfPrevention on, any GET without a preflight-forcing header.
    ...(cache ? { cache, persistedQueries: { ttl: 7 * 86_400 } } : {}),
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Nest resets every response with `data` to 200; keep the status an error sets through `extensions.http`. Only
    // a write refused for want of a valid token sets one (errors.filter.ts): 401 with its WWW-Authenticate challenge
    // (RFC 9577 §2.1), one operation per request as batching is off. Every other error stays a 200 response.
    preserveHttpStatusForExecutionErrors: false,
    // Production names no schema element the client did not send (no "Did you mean …": introspection is off there).
    formatError: (formatted, error) => formatGraphQLError(formatted, error, { hideSuggestions: config.production }),
    // Errors of field resolvers (thread.replies(first, after), ...) go through the same filter as queries, so a bad
    // nested argument is a coded client error, not a masked internal one. Guards and interceptors stay off there.
    fieldResolverEnhancers: ['filters'],
    context: ({ req }: { req: unknown }) => ({ req }),
  };
}
