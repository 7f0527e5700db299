import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config.errors.js';
import { loadConfig } from './config.js';

const SECRETS = {
  ISSUER_MASTER_SEED: 'a'.repeat(64),
  EMAIL_PEPPER: 'b'.repeat(64),
  SESSION_SECRET: 'c'.repeat(64),
};
const tmp = () => mkdtempSync(join(tmpdir(), 'unlinked-config-'));

describe('loadConfig', () => {
  it('refuses production without a secret, naming it', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/unlinked', DATA_DIR: tmp(), ...SECRETS };
    for (const name of Object.keys(SECRETS)) {
      const without = { ...env, [name]: undefined };
      expect(() => loadConfig(without)).toThrow(new ConfigError(name, 'is required when NODE_ENV=production'));
    }
    expect(loadConfig(env).production).toBe(true);
  });

  it('seeds demo salaries in development only, never in production, and keeps SALARY_MIN_REPORTS at 3 or more', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS };
    expect(loadConfig(base).seedDemoSalaries).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).seedDemoSalaries).toBe(false);
    const production = { ...base, NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/unlinked' };
    expect(loadConfig({ ...production, SEED_DEMO_SALARIES: 'true' }).seedDemoSalaries).toBe(false);
    expect(loadConfig(base).anonymity.minSalaryReports).toBe(5);
    expect(() => loadConfig({ ...base, SALARY_MIN_REPORTS: '2' })).toThrow(/SALARY_MIN_REPORTS/);
  });

  it('gives both sides the shared database and Redis by default, and each its own when set (issue 15)', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS, DATABASE_URL: 'postgres://x@db/one', QUEUE_PREFIX: 'u' };
    const one = loadConfig(base);
    expect(one.role).toBe('all');
    expect(one.splitDatabases).toBe(false);
    expect(one.storage.identity).toEqual({
      databaseUrl: 'postgres://x@db/one',
      databaseReplicaUrls: [],
      redisUrl: one.redisUrl,
      redisCluster: false,
      queuePrefix: 'u',
    });
    expect(one.storage.forum).toEqual(one.storage.identity);

    const split = loadConfig({
      ...base,
      IDENTITY_DATABASE_URL: 'postgres://id@id-db/identity',
      FORUM_REDIS_URL: 'redis://forum-redis:6379',
      FORUM_QUEUE_PREFIX: 'f',
    });
    expect(split.splitDatabases).toBe(true);
    expect(split.storage.identity.databaseUrl).toBe('postgres://id@id-db/identity');
    expect(split.storage.forum).toEqual({
      databaseUrl: 'postgres://x@db/one',
      databaseReplicaUrls: [],
      redisUrl: 'redis://forum-redis:6379',
      redisCluster: false,
      queuePrefix: 'f',
    });
    expect(() => loadConfig({ ...base, ROLE: 'origin' })).toThrow(/ROLE must be one of all, identity, forum/);
  });

  it('reads replicas and Redis Cluster per side, defaulting to the shared settings (README "Scaling")', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS, DATABASE_URL: 'postgres://x@db/one' };
    const replicas = 'postgres://x@replica-1/one, postgres://x@replica-2/one';
    const shared = loadConfig({ ...base, DATABASE_REPLICA_URLS: replicas, REDIS_CLUSTER: 'true' });
    for (const side of ['identity', 'forum'] as const) {
      expect(shared.storage[side].databaseReplicaUrls).toEqual([
        'postgres://x@replica-1/one',
        'postgres://x@replica-2/one',
      ]);
      expect(shared.storage[side].redisCluster).toBe(true);
    }
    // A side on its own database never inherits the shared database's replicas.
    const split = loadConfig({
      ...base,
      DATABASE_REPLICA_URLS: replicas,
      FORUM_DATABASE_URL: 'postgres://f@forum-db/forum',
      FORUM_DATABASE_REPLICA_URLS: 'postgres://f@forum-replica/forum',
      IDENTITY_REDIS_CLUSTER: 'true',
    });
    expect(split.storage.forum.databaseReplicaUrls).toEqual(['postgres://f@forum-replica/forum']);
    expect(split.storage.identity.databaseReplicaUrls).toHaveLength(2);
    expect([split.storage.identity.redisCluster, split.storage.forum.redisCluster]).toEqual([true, false]);
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URLS: 'mysql://r/one' })).toThrow(
      /DATABASE_REPLICA_URLS must use postgres/,
    );
    // The embedded PGlite has no replicas: refused with the variable named.
    const { DATABASE_URL: _, ...pglite } = base;
    expect(() => loadConfig({ ...pglite, DATABASE_REPLICA_URLS: replicas })).toThrow(
      /DATABASE_REPLICA_URLS needs a PostgreSQL primary/,
    );
    expect(() => loadConfig({ ...base, REDIS_CLUSTER: 'true', REDIS_URL: 'redis://r:6379/2' })).toThrow(
      /REDIS_URL .*database 0/,
    );
  });

  it('runs a forum-only production service without the identity secrets, but with the identity service to ask', () => {
    const forum = {
      NODE_ENV: 'production',
      DATA_DIR: tmp(),
      ROLE: 'forum',
      FORUM_DATABASE_URL: 'postgres://f@forum-db/forum',
      ISSUER_MASTER_SEED: SECRETS.ISSUER_MASTER_SEED,
    };
    expect(() => loadConfig(forum)).toThrow(/IDENTITY_INTERNAL_URL is required when ROLE=forum/);
    const withUrl = { ...forum, IDENTITY_INTERNAL_URL: 'http://identity:3000' };
    expect(() => loadConfig(withUrl)).toThrow(/INTERNAL_API_TOKEN is required/);
    const withToken = { ...withUrl, INTERNAL_API_TOKEN: 't'.repeat(40) };
    // Clients find the identity service at its own public address: required in production, on another origin.
    expect(() => loadConfig(withToken)).toThrow(/IDENTITY_PUBLIC_URL is required when ROLE=forum/);
    expect(() =>
      loadConfig({ ...withToken, PUBLIC_URL: 'https://u.example', IDENTITY_PUBLIC_URL: 'https://u.example/id' }),
    ).toThrow(/IDENTITY_PUBLIC_URL/);
    expect(() => loadConfig({ ...withToken, IDENTITY_PUBLIC_URL: 'id.example' })).toThrow(/IDENTITY_PUBLIC_URL/);
    const config = loadConfig({ ...withToken, IDENTITY_PUBLIC_URL: 'https://id.example/' });
    expect(config.identityInternalUrl).toBe('http://identity:3000');
    expect(config.identityPublicUrl).toBe('https://id.example');
    // Random, never read: the forum holds no address pepper or session secret of the identity side.
    expect(Buffer.from(config.secrets.emailPepper).toString('hex')).not.toBe(SECRETS.EMAIL_PEPPER);
    expect(() => loadConfig({ ...withUrl, ROLE: 'identity' })).toThrow(/EMAIL_PEPPER is required/);
    // An identity-only production service needs every secret and its own database.
    expect(() => loadConfig({ ...withUrl, ...SECRETS, ROLE: 'identity' })).toThrow(
      /IDENTITY_DATABASE_URL\) is required/,
    );
  });

  it('parses TRUST_PROXY: off by default, a hop count, or proxy addresses/CIDRs', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 2001:db8::/32,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
      'loopback',
    ]);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY must be off/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY must be off/);
    expect(loadConfig(base).operations.metricsHost).toBe('127.0.0.1');
  });

  it('rejects malformed URLs and numbers', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS };
    expect(() => loadConfig({ ...base, DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL is not a valid URL/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must use postgres/);
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://localhost' })).toThrow(/REDIS_URL must use redis/);
    expect(() => loadConfig({ ...base, PORT: '80a' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ ...base, ISSUER_MASTER_SEED: 'short' })).toThrow(
      /ISSUER_MASTER_SEED must be at least 64 hex/,
    );
  });

  it('generates development secrets once, owner-only, and keeps them across restarts', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(Buffer.from(second.secrets.masterSeed).toString('hex')).toBe(
      Buffer.from(first.secrets.masterSeed).toString('hex'),
    );
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).sort()).toEqual([
      'EMAIL_PEPPER',
      'ISSUER_MASTER_SEED',
      'SESSION_SECRET',
    ]);
  });

  it('keeps the read cache within the shortest publication delay', () => {
    const base = { DATA_DIR: tmp(), ...SECRETS };
    const cache = (env: Record<string, string>) => {
      const { readCacheSeconds, readCacheStaleSeconds } = loadConfig({ ...base, ...env }).graphql;
      return [readCacheSeconds, readCacheStaleSeconds];
    };
    expect(cache({})).toEqual([1, 1]);
    expect(cache({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/u' })).toEqual([30, 30]);
    expect(cache({ PUBLISH_DELAY_MIN_SECONDS: '0', PUBLISH_DELAY_MAX_SECONDS: '0' })).toEqual([0, 0]);
    expect(
      cache({ PUBLISH_DELAY_MIN_SECONDS: '60', PUBLISH_DELAY_MAX_SECONDS: '60', READ_CACHE_SECONDS: '50' }),
    ).toEqual([50, 10]);
    expect(() => loadConfig({ ...base, READ_CACHE_SECONDS: '3' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, READ_CACHE_SECONDS: '1', READ_CACHE_STALE_SECONDS: '2' })).toThrow(
      /READ_CACHE_SECONDS/,
    );
  });

  it('opens boards at K=10 verified accounts except in development', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).anonymity.minVerifiedForBoard).toBe(1);
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: tmp() }).anonymity.minVerifiedForBoard).toBe(10);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/u', DATA_DIR: tmp(), ...SECRETS };
    expect(loadConfig(production).anonymity.minVerifiedForBoard).toBe(10);
  });

  it('defaults to PGlite and the local Redis, and is frozen', () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.anonymity)).toBe(true);
  });

  it('stops the process with a non-zero exit naming the missing secret', () => {
    const result = spawnSync('npx', ['tsx', 'libs/config/src/check.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/u', DATA_DIR: tmp() },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ISSUER_MASTER_SEED is required when NODE_ENV=production');
  });
});
