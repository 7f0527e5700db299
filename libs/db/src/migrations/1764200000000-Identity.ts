import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity side (privacy.md rules 2 and 7): accounts keep only an address
 * HMAC, company, role and a day-coarse verification date; issuance keeps
 * counts per (account, key) and nothing per request.
 */
export class Identity1764200000000 implements MigrationInterface {
  name = 'Identity1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE companies ADD COLUMN verified_members int NOT NULL DEFAULT 0 CHECK (verified_members >= 0)`,
    );
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email_hmac bytea NOT NULL CHECK (length(email_hmac) = 32),
        company_id uuid NOT NULL REFERENCES companies(id),
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member','moderator','admin')),
        verified_on date NOT NULL,
        CONSTRAINT accounts_email_hmac_key UNIQUE (email_hmac)
      )`);
    await q.query(`CREATE INDEX accounts_company_verified ON accounts (company_id, verified_on)`);
    await q.query(`
      CREATE TABLE verification_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email_hmac bytea NOT NULL CHECK (length(email_hmac) = 32),
        code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        CONSTRAINT verification_codes_email_hmac_key UNIQUE (email_hmac)
      )`);
    await q.query(`CREATE INDEX verification_codes_expires ON verification_codes (expires_at)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
        CHECK (expires_at <= absolute_expires_at)
      )`);
    await q.query(`CREATE INDEX sessions_account ON sessions (account_id)`);
    await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE issuance_counts (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        token_key_id bytea NOT NULL CHECK (length(token_key_id) = 32),
        kind text NOT NULL CHECK (kind IN ('post','review','reaction')),
        epoch int NOT NULL CHECK (epoch >= 0),
        issued int NOT NULL CHECK (issued >= 0),
        retire_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, token_key_id)
      )`);
    await q.query(`CREATE INDEX issuance_counts_retire ON issuance_counts (retire_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issuance_counts`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE verification_codes`);
    await q.query(`DROP TABLE accounts`);
    await q.query(`ALTER TABLE companies DROP COLUMN verified_members`);
  }
}
