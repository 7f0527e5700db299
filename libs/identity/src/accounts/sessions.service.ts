import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { AccountRole } from '@unlinked/db/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { newSessionToken, sessionTokenHash } from '../identity.crypto.js';

const DAY_MS = 86_400_000;

/** The signed-in account, as resolved from a bearer session. */
export interface SessionAccount {
  readonly sessionId: string;
  readonly accountId: string;
  readonly companyId: string;
  readonly role: AccountRole;
  /** YYYY-MM-DD of the last verification. */
  readonly verifiedOn: string;
}

function ceilDay(ms: number): Date {
  return new Date(Math.ceil(ms / DAY_MS) * DAY_MS);
}

/**
 * Opaque 256-bit bearer tokens, stored only as HMACs. A session ends after
 * SESSION_IDLE_DAYS without use or SESSION_MAX_DAYS after creation. The idle
 * deadline moves in whole days, written at most once a day, so the table does
 * not record when an account was last active to better than a day (it would
 * otherwise time-stamp every issuance, against privacy rule 2).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSessionToken(this.config.secrets.sessionSecret);
    const now = Date.now();
    const absolute = new Date(now + this.config.identity.sessionMaxDays * DAY_MS);
    const idle = ceilDay(now + this.config.identity.sessionIdleDays * DAY_MS);
    const expiresAt = idle < absolute ? idle : absolute;
    await manager.query(
      `INSERT INTO sessions (token_hash, account_id, expires_at, absolute_expires_at) VALUES ($1, $2, $3, $4)`,
      [hash, accountId, expiresAt, absolute],
    );
    return { token, expiresAt };
  }

  /** The account behind a bearer token, or null if unknown or expired. Extends the idle deadline once a day. */
  async authenticate(token: string): Promise<SessionAccount | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const hash = sessionTokenHash(this.config.secrets.sessionSecret, token);
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, s.expires_at, s.absolute_expires_at, a.id AS account_id, a.company_id, a.role,
              to_char(a.verified_on, 'YYYY-MM-DD') AS verified_on
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hash],
    )) as {
      session_id: string;
      expires_at: Date;
      absolute_expires_at: Date;
      account_id: string;
      company_id: string;
      role: AccountRole;
      verified_on: string;
    }[];
    const row = rows[0];
    if (!row) return null;
    const idle = ceilDay(Date.now() + this.config.identity.sessionIdleDays * DAY_MS);
    const next = idle < row.absolute_expires_at ? idle : row.absolute_expires_at;
    if (next.getTime() > new Date(row.expires_at).getTime()) {
      await this.dataSource.query(`UPDATE sessions SET expires_at = $2 WHERE id = $1 AND expires_at < $2`, [
        row.session_id,
        next,
      ]);
    }
    return {
      sessionId: row.session_id,
      accountId: row.account_id,
      companyId: row.company_id,
      role: row.role,
      verifiedOn: row.verified_on,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE id = $1`, [sessionId]);
  }
}
