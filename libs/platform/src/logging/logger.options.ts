import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '@unlinked/config';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { safeError } from './safe-error.js';

/**
 * Paths pino blanks wherever they appear (privacy rule 6): secrets, addresses,
 * codes, tokens. Request serializers below already keep headers, bodies, IPs
 * and user agents out; redaction is the second fence.
 */
export const REDACT_PATHS = [
  'req.headers',
  'req.body',
  'req.remoteAddress',
  'res.headers',
  '*.email',
  '*.address',
  '*.code',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.sessionToken',
  '*.masterSeed',
  '*.emailPepper',
  '*.sessionSecret',
];

/** The route without its query string: a query may carry a token. */
function route(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

export function loggerOptions(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    transport: config.logPretty && !stream ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    // Requests are logged by the Fastify hook in request-log.ts (route pattern, not URL).
    autoLogging: false,
    quietReqLogger: true,
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, route: route(req.url) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      // Class, code and place only, for Errors and for the plain { type } objects the code logs (never a message).
      err: (err: unknown) => safeError(err),
    },
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
