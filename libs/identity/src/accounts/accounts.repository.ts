import { Injectable } from '@nestjs/common';
import { AccountEntity, type AccountRole, InjectIdentityDb } from '@unlinked/db/identity';
import { DataSource, type EntityManager } from 'typeorm';

/** An account as the identity side uses it (never its address HMAC). `verifiedOn` is YYYY-MM-DD. */
export type AccountRow = Pick<AccountEntity, 'id' | 'companyId' | 'role' | 'verifiedOn'>;

/** The account of an address, locked, and whether its last verification is still within the period. */
export interface LockedAccount extends Pick<AccountEntity, 'id' | 'companyId'> {
  active: boolean;
}

const ACCOUNT_COLUMNS = `id, company_id AS "companyId", role, to_char(verified_on, 'YYYY-MM-DD') AS "verifiedOn"`;

/** The one place that reads and writes `accounts`. Methods take an optional EntityManager (caller's transaction). */
@Injectable()
export class AccountsRepository {
  constructor(@InjectIdentityDb() private readonly dataSource: DataSource) {}

  /** Inserts the account of an address, verified today; null when the address already has one. */
  async insertIfNew(
    emailHmac: Buffer,
    companyId: string,
    manager = this.dataSource.manager,
  ): Promise<AccountRow | null> {
    const rows = (await manager.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on) VALUES ($1, $2, current_date)
       ON CONFLICT (email_hmac) DO NOTHING
       RETURNING ${ACCOUNT_COLUMNS}`,
      [emailHmac, companyId],
    )) as AccountRow[];
    return rows[0] ?? null;
  }

  /** Locks the account of an address (FOR UPDATE); `active` if verified within the last `months`. */
  async lockByEmailHmac(
    emailHmac: Buffer,
    months: number,
    manager = this.dataSource.manager,
  ): Promise<LockedAccount | undefined> {
    const [row] = (await manager.query(
      `SELECT id, company_id AS "companyId", verified_on > current_date - make_interval(months => $2) AS active
         FROM accounts WHERE email_hmac = $1 FOR UPDATE`,
      [emailHmac, months],
    )) as LockedAccount[];
    return row;
  }

  /** Dates the verification today and moves the account to `companyId`. */
  async reverify(id: string, companyId: string, manager = this.dataSource.manager): Promise<AccountRow> {
    const [row] = (await manager.query(
      `WITH u AS (UPDATE accounts SET verified_on = current_date, company_id = $2 WHERE id = $1
         RETURNING id, company_id, role, verified_on)
       SELECT id, company_id AS "companyId", role, to_char(verified_on, 'YYYY-MM-DD') AS "verifiedOn" FROM u`,
      [id, companyId],
    )) as AccountRow[];
    return row;
  }

  /**
   * Sets the role of the account of an address, if it has one and (unless
   * `unconditional`) currently holds `currentRole`. The new role, or null when
   * no row matched.
   */
  async updateRole(
    emailHmac: Buffer,
    next: AccountRole,
    { unconditional, currentRole }: { unconditional: boolean; currentRole: AccountRole },
    manager = this.dataSource.manager,
  ): Promise<AccountRole | null> {
    const rows = (await manager.query(
      `WITH u AS (UPDATE accounts SET role = $2 WHERE email_hmac = $1 AND ($3 OR role = $4) RETURNING role)
       SELECT role FROM u`,
      [emailHmac, next, unconditional, currentRole],
    )) as Pick<AccountEntity, 'role'>[];
    return rows[0]?.role ?? null;
  }

  /** Moves every account of one company to another (company merge). */
  async moveCompany(fromId: string, intoId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(AccountEntity).update({ companyId: fromId }, { companyId: intoId });
  }
}
