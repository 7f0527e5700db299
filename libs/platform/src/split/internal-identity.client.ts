import type { AppConfig } from '@unlinked/config';
import type { SessionLookup } from '../staff/staff.module.js';
import { INTERNAL_ROUTES, type CompanyDirectorySource, type DirectoryCompany } from './company-directory-source.js';

/**
 * The forum service's client of the identity service's internal endpoints (ROLE=forum, split deployment):
 * the company directory (on a timer) and staff sessions (when a moderator acts; moderators act under their
 * account, the documented exception of privacy rule 1). It never sends anything about anonymous content.
 */
export class InternalIdentityClient implements CompanyDirectorySource, SessionLookup {
  private readonly base: string;
  private readonly token: string;

  constructor(config: Pick<AppConfig, 'identityInternalUrl' | 'internalApiToken'>) {
    this.base = config.identityInternalUrl!.replace(/\/$/, '');
    this.token = config.internalApiToken!;
  }

  async snapshot(): Promise<DirectoryCompany[]> {
    return (await this.call(INTERNAL_ROUTES.companyDirectory)) as DirectoryCompany[];
  }

  async authenticate(token: string): Promise<{ accountId: string; role: string } | null> {
    const answer = (await this.call(INTERNAL_ROUTES.staffSession, { token })) as {
      staff: { accountId: string; role: string } | null;
    };
    return answer.staff;
  }

  private async call(path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`identity service answered ${res.status} on ${path}`);
    return res.json();
  }
}
