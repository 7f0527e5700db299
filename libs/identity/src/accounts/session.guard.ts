import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { SessionsService, type SessionAccount } from './sessions.service.js';

type RequestWithSession = FastifyRequest & { session?: SessionAccount | null };

export function requestOf(context: ExecutionContext): RequestWithSession {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{
      req: RequestWithSession;
    }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithSession>();
}

/** The bearer token of a request, if it carries one (`Authorization: Bearer <token>`). */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([^ ]+)$/i.exec(header.trim());
  return match?.[1];
}

/** Requires a valid session (401 UNAUTHENTICATED otherwise) and exposes it to @CurrentAccount(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context);
    if (req.session === undefined) {
      const token = bearerToken(req);
      req.session = token ? await this.sessions.authenticate(token) : null;
    }
    if (!req.session) throw new IdentityError(IdentityErrorCode.Unauthenticated);
    return true;
  }
}

/** Resolves the session if one is sent, without requiring it. */
@Injectable()
export class OptionalSessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context);
    if (req.session === undefined) {
      const token = bearerToken(req);
      req.session = token ? await this.sessions.authenticate(token) : null;
    }
    return true;
  }
}

export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionAccount | null => requestOf(context).session ?? null,
);

/** Hashed client key input: the socket address (trustProxy is off). Never logged or stored raw. */
export const ClientIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => requestOf(context).ip ?? '',
);
