import type { StaffRole } from '@unlinked/config';

/** A signed-in staff member as the moderation side sees them: an account id and a role, nothing else. */
export interface StaffPrincipal {
  readonly accountId: string;
  readonly role: StaffRole;
}

/**
 * Resolves an `Authorization` header to a staff principal. The moderation
 * side depends on this interface only; identity provides the session-backed
 * implementation, so neither side imports the other (privacy rule 1).
 */
export interface StaffAuthenticator {
  authenticate(authorization: string | undefined): Promise<StaffPrincipal | null>;
}

export const STAFF_AUTHENTICATOR = Symbol('STAFF_AUTHENTICATOR');
