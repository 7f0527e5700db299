import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, more than one machine: settings every API replica on a database must share, recorded by the first
 * API to boot. One row today: `public_url`, because tokens are bound to issuer names derived from PUBLIC_URL and
 * replicas with different ones refuse each other's tokens (libs/platform deployment-settings.ts). On both sides'
 * databases; nothing about users.
 */
export class DeploymentSettings17647700000000 implements MigrationInterface {
  name = 'DeploymentSettings17647700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deployment_settings (name text PRIMARY KEY, value text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deployment_settings`);
  }
}
