import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { AccountRole } from '@unlinked/db/identity';
import { CompanyStatus, isUniqueViolation } from '@unlinked/db';
import type { EntityManager } from 'typeorm';
import type { WorkAddress } from '../attester/email-address.js';

export interface AccountRow {
  id: string;
  companyId: string;
  role: AccountRole;
  verifiedOn: string;
}

/** "acme" → "Acme"; punycode labels are shown in Unicode. */
function nameFromLabel(label: string): string {
  const words = label.split(/[-_]+/).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') || label;
}

function slugFromDomain(registrable: string): string {
  return registrable.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'company';
}

/** Accounts and the domain → company mapping (identity side). */
@Injectable()
export class AccountsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * The company of an address: by its exact host, then by its registrable
   * domain. An unknown corporate domain creates an unconfirmed company named
   * after the domain, which an admin can confirm, rename or merge.
   */
  async companyForAddress(tx: EntityManager, address: WorkAddress): Promise<string> {
    const found = (await tx.query(
      `SELECT company_id FROM company_domains WHERE domain = ANY($1) ORDER BY length(domain) DESC LIMIT 1`,
      [[address.domain, address.registrableDomain]],
    )) as { company_id: string }[];
    if (found[0]) return found[0].company_id;
    const base = slugFromDomain(address.registrableDomain);
    // A savepoint per attempt keeps the outer transaction usable after a conflict.
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
      await tx.query(`SAVEPOINT new_company`);
      try {
        const [company] = (await tx.query(
          `INSERT INTO companies (slug, name, status) VALUES ($1, $2, $3) RETURNING id`,
          [slug, nameFromLabel(address.domainLabel).slice(0, 200), CompanyStatus.Unconfirmed],
        )) as { id: string }[];
        await tx.query(`INSERT INTO company_domains (domain, company_id, "primary") VALUES ($1, $2, true)`, [
          address.registrableDomain,
          company.id,
        ]);
        await tx.query(`RELEASE SAVEPOINT new_company`);
        return company.id;
      } catch (e) {
        await tx.query(`ROLLBACK TO SAVEPOINT new_company`);
        if (!isUniqueViolation(e)) throw e;
        // Someone else created the domain meanwhile: use theirs.
        const again = (await tx.query(`SELECT company_id FROM company_domains WHERE domain = $1`, [
          address.registrableDomain,
        ])) as { company_id: string }[];
        if (again[0]) return again[0].company_id;
      }
    }
    throw new Error('Could not allocate a company slug');
  }

  /**
   * Creates or re-verifies the account of an address HMAC, dated today.
   * verified_members of the company grows when the account is new, or its
   * last verification had lapsed, or it moved company.
   */
  async verify(tx: EntityManager, emailHmac: Buffer, companyId: string): Promise<AccountRow> {
    const months = this.config.identity.verificationMonths;
    const inserted = (await tx.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on) VALUES ($1, $2, current_date)
       ON CONFLICT (email_hmac) DO NOTHING
       RETURNING id, company_id, role, to_char(verified_on, 'YYYY-MM-DD') AS verified_on`,
      [emailHmac, companyId],
    )) as {
      id: string;
      company_id: string;
      role: AccountRole;
      verified_on: string;
    }[];
    if (inserted[0]) {
      await this.bump(tx, companyId, 1);
      return this.row(inserted[0]);
    }
    const [prev] = (await tx.query(
      `SELECT id, company_id, verified_on > current_date - make_interval(months => $2) AS active
         FROM accounts WHERE email_hmac = $1 FOR UPDATE`,
      [emailHmac, months],
    )) as { id: string; company_id: string; active: boolean }[];
    const [updated] = (await tx.query(
      `WITH u AS (UPDATE accounts SET verified_on = current_date, company_id = $2 WHERE id = $1
         RETURNING id, company_id, role, verified_on)
       SELECT id, company_id, role, to_char(verified_on, 'YYYY-MM-DD') AS verified_on FROM u`,
      [prev.id, companyId],
    )) as {
      id: string;
      company_id: string;
      role: AccountRole;
      verified_on: string;
    }[];
    if (prev.company_id !== companyId) {
      if (prev.active) await this.bump(tx, prev.company_id, -1);
      await this.bump(tx, companyId, 1);
    } else if (!prev.active) {
      await this.bump(tx, companyId, 1);
    }
    return this.row(updated);
  }

  private async bump(tx: EntityManager, companyId: string, by: number): Promise<void> {
    await tx.query(`UPDATE companies SET verified_members = GREATEST(0, verified_members + $2) WHERE id = $1`, [
      companyId,
      by,
    ]);
  }

  private row(r: { id: string; company_id: string; role: AccountRole; verified_on: string }): AccountRow {
    return {
      id: r.id,
      companyId: r.company_id,
      role: r.role,
      verifiedOn: r.verified_on,
    };
  }
}
