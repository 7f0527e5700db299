import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { StaffRole } from '@unlinked/config';
import { CommonError, CommonErrorCode } from '../errors/app-error.js';
import { STAFF_AUTHENTICATOR, type StaffAuthenticator, type StaffPrincipal } from './staff-authenticator.js';

const ROLES = 'staff:roles';

/** Only staff with one of these roles may call the operation. */
export const StaffRoles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

interface StaffRequest {
  headers: Record<string, string | string[] | undefined>;
  staff?: StaffPrincipal;
}

/** Role gate for GraphQL resolvers: UNAUTHENTICATED without a staff credential, FORBIDDEN with the wrong role. */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(STAFF_AUTHENTICATOR) private readonly authenticator: StaffAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const req = GqlExecutionContext.create(context).getContext<{ req: StaffRequest }>().req;
    const header = req.headers.authorization;
    const principal = await this.authenticator.authenticate(Array.isArray(header) ? header[0] : header);
    if (!principal) throw new CommonError(CommonErrorCode.Unauthenticated);
    if (!roles.includes(principal.role)) throw new CommonError(CommonErrorCode.Forbidden);
    req.staff = principal;
    return true;
  }
}

/** The principal StaffGuard put on the request. */
export function staffOf(context: { req: StaffRequest }): StaffPrincipal {
  if (!context.req.staff) throw new CommonError(CommonErrorCode.Unauthenticated);
  return context.req.staff;
}
