import { Injectable } from '@nestjs/common';
import { VerificationCodeEntity, InjectIdentityDb } from '@unlinked/db/identity';
import { DataSource } from 'typeorm';

/** The live code of an address for one client, locked for checking. */
export interface LockedCode extends Pick<VerificationCodeEntity, 'id' | 'codeHash' | 'attempts'> {
  /** Not yet expired (by the database clock). */
  live: boolean;
}

/** The one place that reads and writes `verification_codes` (one live code per address HMAC and client). */
@Injectable()
export class VerificationCodesRepository {
  constructor(@InjectIdentityDb() private readonly dataSource: DataSource) {}

  /** A fresh request id, drawn by the database; the code hash is bound to it. */
  async newId(manager = this.dataSource.manager): Promise<string> {
    const [{ id }] = (await manager.query(`SELECT gen_random_uuid() AS id`)) as Pick<VerificationCodeEntity, 'id'>[];
    return id;
  }

  /**
   * Stores the code of an address for the requesting client, replacing (and so voiding) that client's previous
   * one, also one kept under the client's key of the day before (`previousClientKey`), with no attempts used.
   * Codes other clients requested for the address stay as they are.
   */
  async replace(
    code: Pick<VerificationCodeEntity, 'id' | 'emailHmac' | 'codeHash' | 'clientKey'>,
    previousClientKey: string,
    ttlSeconds: number,
    manager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(`DELETE FROM verification_codes WHERE email_hmac = $1 AND client_key = $2`, [
      code.emailHmac,
      previousClientKey,
    ]);
    await manager.query(
      `INSERT INTO verification_codes (id, email_hmac, client_key, code_hash, attempts, expires_at)
       VALUES ($1, $2, $3, $4, 0, now() + make_interval(secs => $5))
       ON CONFLICT (email_hmac, client_key) DO UPDATE
         SET id = EXCLUDED.id, code_hash = EXCLUDED.code_hash, attempts = 0, expires_at = EXCLUDED.expires_at`,
      [code.id, code.emailHmac, code.clientKey, code.codeHash, ttlSeconds],
    );
  }

  /**
   * The code the client requested for an address (under any of its keys: today's, yesterday's), locked FOR
   * UPDATE (attempts are counted under the lock). Codes of other clients are never read.
   */
  async lockForClient(
    emailHmac: Buffer,
    clientKeys: readonly string[],
    manager = this.dataSource.manager,
  ): Promise<LockedCode | undefined> {
    const [row] = (await manager.query(
      `SELECT id, code_hash AS "codeHash", attempts, expires_at > now() AS live
         FROM verification_codes WHERE email_hmac = $1 AND client_key = ANY($2::text[])
         ORDER BY expires_at DESC LIMIT 1 FOR UPDATE`,
      [emailHmac, clientKeys],
    )) as LockedCode[];
    return row;
  }

  async setAttempts(id: string, attempts: number, manager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(VerificationCodeEntity).update({ id }, { attempts });
  }

  async delete(id: string, manager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(VerificationCodeEntity).delete({ id });
  }
}
