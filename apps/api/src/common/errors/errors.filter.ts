import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { AppError, CommonError, CommonErrorCode } from './app-error.js';

/**
 * The one place where errors become responses. AppErrors keep their code and
 * message; Nest HTTP exceptions keep their status; anything else is logged
 * (name and stack only, never the request) and reaches the client as
 * INTERNAL_SERVER_ERROR with no stack or SQL.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = this.toAppError(exception);
    if (host.getType<string>() === 'graphql') {
      return new GraphQLError(error.message, { extensions: { code: error.code } });
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    return reply.status(error.httpStatus).send({ code: error.code, message: error.message });
  }

  private toAppError(exception: unknown): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return new CommonError(CommonErrorCode.NotFound);
      if (status === 413) return new CommonError(CommonErrorCode.BadUserInput, 'The request body is too large.');
      if (status < 500) return new CommonError(CommonErrorCode.BadUserInput, exception.message);
    }
    const e = exception as Error;
    this.logger.error({ err: { type: e?.name, stack: e?.stack } }, 'Unhandled error');
    return new CommonError(CommonErrorCode.Internal);
  }
}
