import type { Provider } from '@nestjs/common';
import { ConfigError, runSides, type AppConfig } from '@unlinked/config';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import type { DataSource } from 'typeorm';

/**
 * Records this API's PUBLIC_URL in the database, or checks it against the one recorded by the first API that
 * booted on it. Replicas must share PUBLIC_URL: tokens are bound to issuer names derived from it (issuer-names.ts),
 * so two APIs with different ones refuse each other's tokens. One statement, so two replicas booting at once
 * agree on the first writer. Throws a ConfigError naming both values on a mismatch.
 */
export async function recordPublicUrl(dataSource: DataSource, publicUrl: string, follow = false): Promise<void> {
  const [{ value }] = (await dataSource.query(
    `INSERT INTO deployment_settings (name, value) VALUES ('public_url', $1)
     ON CONFLICT (name) DO UPDATE SET value = ${follow ? 'EXCLUDED.value' : 'deployment_settings.value'}
     RETURNING value`,
    [publicUrl],
  )) as { value: string }[];
  if (value !== publicUrl) {
    throw new ConfigError(
      'PUBLIC_URL',
      `is ${publicUrl}, but the APIs on this database use ${value}: every replica must share PUBLIC_URL ` +
        `(tokens are bound to it); to move the deployment, stop every API and run ` +
        `DELETE FROM deployment_settings WHERE name = 'public_url'`,
    );
  }
}

/** The provider that holds the API's boot until its PUBLIC_URL is recorded or matched. */
export const PUBLIC_URL_CHECK = Symbol('PUBLIC_URL_CHECK');

/**
 * Runs recordPublicUrl at boot on the database of each side this API runs: the API does not start on a mismatch.
 * Outside production, an API with no PUBLIC_URL (the default `http://localhost:<PORT>`) records its own instead: a
 * development server restarted on another port is one server that moved, not a second replica.
 */
export function publicUrlCheckProvider(config: AppConfig): Provider {
  const tokens = runSides(config.role).map((side) => (side === 'identity' ? IDENTITY_DB : FORUM_DB));
  return {
    provide: PUBLIC_URL_CHECK,
    inject: tokens,
    useFactory: async (...dataSources: DataSource[]) => {
      const follow = config.publicUrlFromPort && !config.production;
      for (const ds of new Set(dataSources)) await recordPublicUrl(ds, config.publicUrl, follow);
    },
  };
}
