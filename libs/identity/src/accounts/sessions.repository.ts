import { Injectable } from '@nestjs/common';
import { SessionEntity, type AccountEntity, InjectIdentityDb } from '@unlinked/db/identity';
import { DataSource } from 'typeorm';

/** A live session with its account, found by token hash. */
export interface SessionWithAccount
  extends
    Pick<SessionEntity, 'expiresAt' | 'absoluteExpiresAt' | 'accountId'>,
    Pick<AccountEntity, 'companyId' | 'role'> {
  sessionId: string;
  /** YYYY-MM-DD of the account's last verification. */
  verifiedOn: string;
}

/** The one place that reads and writes `sessions`. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectIdentityDb() private readonly dataSource: DataSource) {}

  async insert(
    session: Pick<SessionEntity, 'tokenHash' | 'accountId' | 'expiresAt' | 'absoluteExpiresAt'>,
    manager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (token_hash, account_id, expires_at, absolute_expires_at) VALUES ($1, $2, $3, $4)`,
      [session.tokenHash, session.accountId, session.expiresAt, session.absoluteExpiresAt],
    );
  }

  /** The unexpired session of a token hash with its account, or undefined. */
  async findLive(tokenHash: Buffer, manager = this.dataSource.manager): Promise<SessionWithAccount | undefined> {
    const [row] = (await manager.query(
      `SELECT s.id AS "sessionId", s.expires_at AS "expiresAt", s.absolute_expires_at AS "absoluteExpiresAt",
              a.id AS "accountId", a.company_id AS "companyId", a.role,
              to_char(a.verified_on, 'YYYY-MM-DD') AS "verifiedOn"
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash],
    )) as SessionWithAccount[];
    return row;
  }

  /** Moves the idle deadline forward to `until` (never backward: concurrent requests race harmlessly). */
  async extend(sessionId: string, until: Date, manager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE sessions SET expires_at = $2 WHERE id = $1 AND expires_at < $2`, [sessionId, until]);
  }

  async delete(sessionId: string, manager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(SessionEntity).delete({ id: sessionId });
  }
}
