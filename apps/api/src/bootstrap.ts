import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@unlinked/config';
import { Logger } from 'nestjs-pino';
import { AppModule, type ApiOptions } from './app.module.js';
import {
  identityCorsDelegate,
  registerConditionalGet,
  registerReadScopes,
  usesReplicas,
  identityCorsOrigin,
  registerRequestLog,
  registerSecurityHeaders,
  registerServiceDiscovery,
} from '@unlinked/platform';

/** TRUST_PROXY as Fastify takes it; a hop count becomes proxy-addr's "the first n hops" function. */
function fastifyTrustProxy(
  trust: AppConfig['trustProxy'],
): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_addr, hop) => hop < trust;
  return [...trust];
}

/** Builds the API (not yet listening); main.ts and the e2e tests share it. */
export async function createApi(config: AppConfig, options: ApiOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.graphql.bodyLimitBytes,
    // A socket with no traffic is closed after HTTP_IDLE_TIMEOUT_MS (also one that never sends a request), a kept-alive
    // one after HTTP_KEEPALIVE_TIMEOUT_MS, and a request (headers and body) must arrive within HTTP_REQUEST_TIMEOUT_MS.
    connectionTimeout: config.http.idleTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    // Fastify's own logger would log IPs; nestjs-pino logs requests instead.
    logger: false,
    // Off unless TRUST_PROXY names the proxies (or hop count) in front: only then is X-Forwarded-For
    // believed, so req.ip (the rate-limit client) is the real client and cannot be forged.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // A random id per request, never derived from the client (privacy rule 6).
    genReqId: () => randomUUID(),
  });
  registerRequestLog(adapter.getInstance(), config.operations.logWindowSeconds);
  await registerSecurityHeaders(adapter.getInstance());
  registerConditionalGet(adapter.getInstance());
  if (usesReplicas(config)) registerReadScopes(adapter.getInstance());
  registerServiceDiscovery(adapter.getInstance(), config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    // Throw instead of exiting the process, so callers (and tests) see the error.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // An identity service on its own origin answers the web app on the forum's origin (@fastify/cors, via Nest).
  const forumOrigin = identityCorsOrigin(config);
  if (forumOrigin) app.enableCors({ delegator: identityCorsDelegate(forumOrigin) });
  app.enableShutdownHooks();
  return app;
}
