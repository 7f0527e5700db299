import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { safeError } from '../logging/safe-error.js';
import { AppError, CommonError, CommonErrorCode } from './app-error.js';

/**
 * The one place where errors become responses. AppErrors keep their code and
 * message; Nest HTTP exceptions keep their status; anything else is logged
 * (name and stack only, never the request) and reaches the client as
 * INTERNAL_SERVER_ERROR with no stack or SQL.
 */
/** SQLSTATE class 22 (data exception), on pg and PGlite alike (TypeORM's QueryFailedError keeps the driver's code). */
function isDataException(exception: unknown): boolean {
  const e = exception as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** Connection-level codes: the database or Redis is down or restarting, not a bug and not the client's fault. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection is closed|timeout exceeded when trying to connect|enableOfflineQueue options is false|Reached the max retries per request|not currently accepting connections|the database system is (starting up|shutting down)/i;

/** PostgreSQL SQLSTATE 08 (connection exception), 57P0x (shutdown), 53300 (too many connections); socket errors. */
export function isUnavailable(exception: unknown): boolean {
  const e = exception as { code?: unknown; name?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$|^57P0[1-3]$|^53300$|^55000$/.test(code)) return true;
  if (e?.name === 'MaxRetriesPerRequestError') return true;
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}

@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = this.toAppError(exception);
    if (host.getType<string>() === 'graphql') {
      const challenge = error.headers?.['www-authenticate'];
      return new GraphQLError(error.message, {
        extensions: {
          code: error.code,
          ...error.details,
          ...(challenge ? { wwwAuthenticate: challenge } : {}),
          // Apollo sets the response's status and headers from `extensions.http` and strips it from the body; a
          // challenged refusal (RFC 9577 §2.1) is a 401 with WWW-Authenticate on GraphQL too, one operation per request.
          ...(error.headers
            ? { http: { status: error.httpStatus, headers: new Map(Object.entries(error.headers)) } }
            : {}),
        },
      });
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Readiness (terminus) answers 503 with which dependency is down: keep its body, it names no user data.
    if (exception instanceof HttpException && exception.getStatus() === 503) {
      const body = exception.getResponse();
      return reply
        .status(503)
        .send(typeof body === 'object' ? { code: error.code, ...body } : { code: error.code, message: error.message });
    }
    if (error.headers) reply.headers(error.headers);
    return reply.status(error.httpStatus).send({ code: error.code, message: error.message, ...error.details });
  }

  private toAppError(exception: unknown): AppError {
    if (exception instanceof AppError) return exception;
    // Nest HTTP exceptions and Fastify's own errors (body too large, bad JSON) carry a status.
    const status =
      exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: unknown })?.statusCode;
    if (status === 404) return new CommonError(CommonErrorCode.NotFound);
    if (status === 503 || isUnavailable(exception)) return new CommonError(CommonErrorCode.ServiceUnavailable);
    if (status === 413) return new CommonError(CommonErrorCode.PayloadTooLarge);
    // A body Fastify has no parser for (RFC 9110 §15.5.16; RFC 9578 §5.1 asks issuers for 415).
    if (status === 415) return new CommonError(CommonErrorCode.UnsupportedMediaType);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return new CommonError(CommonErrorCode.BadUserInput, (exception as Error).message);
    }
    // A value PostgreSQL cannot take as its column's type (class 22, data exception: a malformed uuid, a NUL byte,
    // a number or date out of range) came from the client: say so, without echoing the value or the SQL.
    if (isDataException(exception))
      return new CommonError(CommonErrorCode.BadUserInput, 'A value is malformed or out of range.');
    this.logger.error({ err: safeError(exception) }, 'Unhandled error');
    return new CommonError(CommonErrorCode.Internal);
  }
}
