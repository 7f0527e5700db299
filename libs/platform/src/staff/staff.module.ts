import { Global, Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { StaffGuard } from './staff.guard.js';
import { STAFF_AUTHENTICATOR, type StaffAuthenticator, type StaffPrincipal } from './staff-authenticator.js';
import { StaticStaffAuthenticator } from './static-staff-authenticator.js';

/** Resolves a bearer session to an account id and role (identity's SessionsService fits). */
export interface SessionLookup {
  authenticate(token: string): Promise<{ accountId: string; role: string } | null>;
}

const SESSION_LOOKUP = Symbol('SESSION_LOOKUP');

/** Identity sessions first; then, in development and tests only, STAFF_TOKENS. */
class SessionStaffAuthenticator implements StaffAuthenticator {
  constructor(
    private readonly sessions: SessionLookup,
    private readonly fallback: StaticStaffAuthenticator,
  ) {}

  async authenticate(authorization: string | undefined): Promise<StaffPrincipal | null> {
    const token = /^Bearer[ ]+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return null;
    const session = await this.sessions.authenticate(token);
    if (session) return { accountId: session.accountId, role: session.role as StaffPrincipal['role'] };
    return this.fallback.authenticate(authorization);
  }
}

/**
 * Staff authentication for moderation and operations, over identity's
 * sessions (moderators act under their account: the documented exception in
 * the moderation audit log). The moderation side sees only the
 * StaffAuthenticator interface.
 */
@Global()
@Module({})
export class StaffModule {
  /**
   * `sessions`: identity's SessionsService from `imports` (the identity side runs in this process); or
   * `remote`: a lookup that asks the identity service (a forum-only process, InternalIdentityClient).
   */
  static forRoot(
    identity:
      | { imports: ModuleMetadata['imports']; sessions: Type<SessionLookup> }
      | { remote: (config: AppConfig) => SessionLookup },
  ): DynamicModule {
    const lookup =
      'remote' in identity
        ? { provide: SESSION_LOOKUP, inject: [APP_CONFIG], useFactory: identity.remote }
        : { provide: SESSION_LOOKUP, useExisting: identity.sessions };
    return {
      module: StaffModule,
      imports: 'remote' in identity ? [] : identity.imports,
      providers: [
        lookup,
        {
          provide: STAFF_AUTHENTICATOR,
          inject: [APP_CONFIG, SESSION_LOOKUP],
          useFactory: (config: AppConfig, sessions: SessionLookup) =>
            new SessionStaffAuthenticator(sessions, new StaticStaffAuthenticator(config)),
        },
        StaffGuard,
      ],
      exports: [STAFF_AUTHENTICATOR, StaffGuard],
    };
  }
}
