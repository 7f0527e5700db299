import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const QUIET_ROUTES = new Set(['/health', '/ready', '/metrics']);

/**
 * One log line per request: a random request id, method, route pattern
 * (never the raw URL, whose query or path may carry a token), status and
 * duration. Nothing else about the client: no IP, user agent, headers or
 * body (privacy rule 6).
 */
export function registerRequestLog(fastify: FastifyInstance): void {
  const logger = new Logger('Http');
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    if (!QUIET_ROUTES.has(route)) {
      logger.log(
        {
          reqId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
    }
    done();
  });
}
