import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@unlinked/config';
import type { StaffAuthenticator, StaffPrincipal } from './staff-authenticator.js';

/**
 * Interim authenticator over STAFF_TOKENS (development and tests; config
 * refuses it in production) until identity sessions are wired in. With no
 * tokens configured nobody is staff, so every gated operation is refused.
 */
export class StaticStaffAuthenticator implements StaffAuthenticator {
  constructor(private readonly config: AppConfig) {}

  async authenticate(authorization: string | undefined): Promise<StaffPrincipal | null> {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return null;
    const given = Buffer.from(m[1]);
    for (const [token, principal] of this.config.moderation.staffTokens) {
      const expected = Buffer.from(token);
      if (expected.length === given.length && timingSafeEqual(expected, given)) return principal;
    }
    return null;
  }
}
