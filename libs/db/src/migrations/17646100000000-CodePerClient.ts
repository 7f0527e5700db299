import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, lock-out: one pending code per (address, requesting client) instead of one per address, so a
 * request from another client no longer replaces (voids) the owner's code. `client_key` is the client's
 * rate-limit key (HMAC of its network under the daily key that lives only in Redis, client-key.ts); it
 * replaces the `rl:code-owner:<code id>` Redis keys. Pending codes are dropped: their owners were only in
 * Redis, and a code lives minutes (the user asks again).
 */
export class CodePerClient17646100000000 implements MigrationInterface {
  name = 'CodePerClient17646100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM verification_codes`);
    await q.query(`ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_email_hmac_key`);
    await q.query(`ALTER TABLE verification_codes ADD COLUMN client_key text NOT NULL CHECK (length(client_key) = 22)`);
    await q.query(
      `ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_email_client_key UNIQUE (email_hmac, client_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM verification_codes`);
    await q.query(`ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_email_client_key`);
    await q.query(`ALTER TABLE verification_codes DROP COLUMN client_key`);
    await q.query(
      `ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_email_hmac_key UNIQUE (email_hmac)`,
    );
  }
}
