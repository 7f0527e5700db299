import { Injectable } from '@nestjs/common';
import { VerificationCodeEntity } from '@unlinked/db/identity';
import { DataSource } from 'typeorm';

/** The live code of an address, locked for checking. */
export interface LockedCode extends Pick<VerificationCodeEntity, 'id' | 'codeHash' | 'attempts'> {
  /** Not yet expired (by the database clock). */
  live: boolean;
}

/** The one place that reads and writes `verification_codes` (one live code per address HMAC). */
@Injectable()
export class VerificationCodesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A fresh request id, drawn by the database; the code hash is bound to it. */
  async newId(manager = this.dataSource.manager): Promise<string> {
    const [{ id }] = (await manager.query(`SELECT gen_random_uuid() AS id`)) as Pick<VerificationCodeEntity, 'id'>[];
    return id;
  }

  /** Stores the code of an address, replacing (and so voiding) any previous one, with no attempts used. */
  async replace(
    code: Pick<VerificationCodeEntity, 'id' | 'emailHmac' | 'codeHash'>,
    ttlSeconds: number,
    manager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO verification_codes (id, email_hmac, code_hash, attempts, expires_at)
       VALUES ($1, $2, $3, 0, now() + make_interval(secs => $4))
       ON CONFLICT (email_hmac) DO UPDATE
         SET id = EXCLUDED.id, code_hash = EXCLUDED.code_hash, attempts = 0, expires_at = EXCLUDED.expires_at`,
      [code.id, code.emailHmac, code.codeHash, ttlSeconds],
    );
  }

  /** The code of an address, locked FOR UPDATE (attempts are counted under the lock). */
  async lockByEmailHmac(emailHmac: Buffer, manager = this.dataSource.manager): Promise<LockedCode | undefined> {
    const [row] = (await manager.query(
      `SELECT id, code_hash AS "codeHash", attempts, expires_at > now() AS live
         FROM verification_codes WHERE email_hmac = $1 FOR UPDATE`,
      [emailHmac],
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
