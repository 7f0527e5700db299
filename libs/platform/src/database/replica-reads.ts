import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { runSides, type AppConfig } from '@unlinked/config';
import type { FastifyInstance } from 'fastify';
import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { carriesSession, isPublicOnly } from '../graphql/read-cache.js';

/** Per request: whether it is an anonymous public read, which a read replica may answer. */
interface ReadScope {
  replica: boolean;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Whether the code running now serves an anonymous public read (and so may read from a replica). */
export function onReplicaRead(): boolean {
  return scopes.getStore()?.replica === true;
}

/** Whether any database this process opens has read replicas (otherwise no read scope is needed). */
export function usesReplicas(config: Pick<AppConfig, 'role' | 'storage'>): boolean {
  return runSides(config.role).some((side) => config.storage[side].databaseReplicaUrls.length > 0);
}

/** Runs `fn` as an anonymous public read: its reads outside transactions may go to a replica (tests, future routes). */
export function asPublicRead<T>(fn: () => T): T {
  return scopes.run({ replica: true }, fn);
}

/**
 * Opens a read scope around each request's handler (after the body is parsed, so POST keeps it too); the GraphQL
 * plugin below marks it once it knows the operation. A request outside a scope reads from the primary.
 */
export function registerReadScopes(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (_req, _reply, done) => scopes.run({ replica: false }, done));
}

/**
 * Marks the request's read scope when the operation is a query of public fields only (read-cache.ts
 * PUBLIC_QUERIES) sent without a session: what any reader gets, from data published after a delay anyway. Everything
 * else (a session's reads, mutations, staff queries) stays on the primary.
 */
export function replicaReadsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const scope = scopes.getStore();
          if (!scope) return;
          scope.replica =
            ctx.operation?.operation === 'query' &&
            isPublicOnly(ctx.operation.selectionSet) &&
            !carriesSession(ctx.request.http!.headers);
        },
      };
    },
  };
}

/**
 * TypeORM replication (`replication: { master, slaves }`) sends every read made outside a transaction to a replica by
 * default, including a session's reads and an author's read right after its write. Here the default is the primary,
 * and only reads made while serving an anonymous public read go to a replica: repository and query-builder reads
 * (TypeORM asks `defaultReplicationModeForReads`) and raw `query()` calls outside a transaction. Transactions always
 * open on the primary (`createQueryRunner()` defaults to master), whatever the scope.
 */
export function routeReadsToReplicas(dataSource: DataSource): DataSource {
  const mode = (): ReplicationMode => (onReplicaRead() ? 'slave' : 'master');
  dataSource.defaultReplicationModeForReads = mode;
  const query = dataSource.query.bind(dataSource);
  dataSource.query = async <T = unknown>(sql: string, parameters?: unknown[], runner?: QueryRunner): Promise<T> => {
    if (runner || !onReplicaRead()) return query(sql, parameters, runner);
    const replica = dataSource.createQueryRunner('slave');
    try {
      return await query(sql, parameters, replica);
    } finally {
      await replica.release();
    }
  };
  return dataSource;
}
