import type { AppConfig } from '@unlinked/config';
import { AccountRole } from '@unlinked/db/identity';
import type { DataSource } from 'typeorm';
import { parseWorkAddress } from '../attester/email-address.js';
import { emailHmac } from '../identity.crypto.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';

export type RoleChange = 'grant' | 'revoke';

export class RoleChangeError extends Error {
  override name = 'RoleChangeError';
}

/**
 * Grants a role to (or revokes it from) the account of an address, found by
 * the HMAC of its normalized form. The account must exist (the person has
 * verified once). Revoking sets the account back to member.
 */
export async function changeRole(
  dataSource: DataSource,
  config: Pick<AppConfig, 'secrets'>,
  change: RoleChange,
  role: AccountRole,
  email: string,
): Promise<AccountRole> {
  if (role === AccountRole.Member) throw new RoleChangeError('Role must be moderator or admin.');
  const parsed = parseWorkAddress(email);
  if (!parsed.ok) throw new RoleChangeError(`The address is not a usable work address (${parsed.problem}).`);
  const hmac = emailHmac(config.secrets.emailPepper, parsed.address.normalized);
  const next = change === 'grant' ? role : AccountRole.Member;
  const now = await new AccountsRepository(dataSource).updateRole(hmac, next, {
    unconditional: change === 'grant',
    currentRole: role,
  });
  if (now === null) {
    throw new RoleChangeError(
      change === 'grant'
        ? 'No account has this address; the person must verify once first.'
        : `No ${role} account has this address.`,
    );
  }
  return now;
}
