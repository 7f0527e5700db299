import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { LogTally } from './log-tally.js';

const QUIET_ROUTES = new Set(['/health', '/ready', '/metrics']);

/**
 * Requests are logged as per-window tallies (log-tally.ts): per method, route
 * pattern (never the raw URL, whose query or path may carry a token) and
 * status, the count and the mean and maximum duration. No line per request,
 * so the log does not date an anonymous write (privacy rule 5), and nothing
 * about the client: no IP, user agent, headers or body (rule 6).
 */
export function registerRequestLog(fastify: FastifyInstance, windowSeconds: number): void {
  const tally = new LogTally(new Logger('Http'), 'requests', windowSeconds);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    if (!QUIET_ROUTES.has(route)) {
      tally.add({ method: request.method, route, status: reply.statusCode }, { ms: reply.elapsedTime });
    }
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    tally.flush();
    done();
  });
}
