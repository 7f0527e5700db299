import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

const SECRETS = { ISSUER_MASTER_SEED: 'x', EMAIL_PEPPER: 'x', SESSION_SECRET: 'x', INTERNAL_API_TOKEN: 'x' };

/** `docker-compose config` of docker/compose.yml (with `--services`: the service names only). */
const composeConfig = (...args: string[]) =>
  execFileSync('docker-compose', ['-f', 'docker/compose.yml', 'config', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...SECRETS },
  });

/** A side's API or worker service: the forum's are plain `api` and `worker` (`--scale api=2 --scale worker=2`). */
const sideService = (side: string, kind: 'api' | 'worker') => (side === 'forum' ? kind : `${side}-${kind}`);

/** One service's section of `docker-compose config` output. */
const section = (out: string, name: string) => out.split(`\n  ${name}:\n`)[1].split(/\n  [a-z-]+:\n/)[0];

// No Docker engine runs here; Debian's docker-compose 1.29 still parses and
// validates a compose file without one (.ci/run installs it).
describe('docker/compose.yml', () => {
  it('is a valid compose file with the whole stack', () => {
    const out = composeConfig('--services');
    expect(out.trim().split('\n').sort()).toEqual([
      'api',
      'identity-api',
      'identity-worker',
      'mail',
      'migrate-forum',
      'migrate-identity',
      'postgres-forum',
      'postgres-identity',
      'proxy',
      'redis',
      'redis-identity',
      'worker',
    ]);
  });

  it('runs Redis as BullMQ asks for production: append-only persistence and no eviction', () => {
    const out = composeConfig();
    for (const [name, volume] of [
      ['redis', 'redisdata'],
      ['redis-identity', 'redisdata-identity'],
    ]) {
      const redis = section(out, name);
      const command = redis.split('healthcheck:')[0];
      const args = [...command.matchAll(/^ {4}- (.+)$/gm)].map((m) => m[1].replace(/"/g, ''));
      const value = (flag: string) => args[args.indexOf(flag) + 1];
      expect(args[0]).toBe('redis-server');
      expect(value('--appendonly')).toBe('yes');
      expect(value('--maxmemory-policy')).toBe('noeviction');
      expect(redis).toMatch(new RegExp(`- ${volume}:/data`));
    }
  });

  it('gives each service its own healthcheck: the API its /health, the worker its metrics listener, migrate none', () => {
    const out = composeConfig();
    for (const side of ['identity', 'forum']) {
      expect(section(out, sideService(side, 'worker'))).toMatch(/HEALTHCHECK_URL: http:\/\/127\.0\.0\.1:9464\/health/);
      expect(section(out, sideService(side, 'api'))).not.toMatch(/HEALTHCHECK_URL/);
      expect(section(out, `migrate-${side}`)).toMatch(/healthcheck:\n\s+test:\n\s+- NONE/);
    }
    const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/HEALTHCHECK .*"node", "docker\/healthcheck\.mjs"/);
    expect(dockerfile).not.toMatch(/HEALTHCHECK .*:3000/);
  });

  it('splits the sides (issue 15): two PostgreSQL servers and two Redis, each side given only its own', () => {
    const out = composeConfig();
    for (const [side, other] of [
      ['identity', 'forum'],
      ['forum', 'identity'],
    ]) {
      for (const service of [`migrate-${side}`, sideService(side, 'api'), sideService(side, 'worker')]) {
        const env = section(out, service);
        expect(env).toMatch(new RegExp(`ROLE: ${side}$`, 'm'));
        expect(env).toMatch(new RegExp(`${side.toUpperCase()}_DATABASE_URL: postgres://[^@]+@postgres-${side}:`));
        expect(env).not.toMatch(new RegExp(`postgres-${other}|DATABASE_URL: .*${other}`));
      }
    }
    expect(section(out, 'api')).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(section(out, 'identity-api')).toMatch(/REDIS_URL: redis:\/\/redis-identity:6379/);
    // The forum side holds no address pepper and no session secret.
    expect(section(out, 'api')).not.toMatch(/EMAIL_PEPPER|SESSION_SECRET/);
  });

  it('scales the APIs and workers behind the caching proxy (README "Scaling"): no host port or name of their own', () => {
    const out = composeConfig();
    for (const service of ['api', 'worker', 'identity-api', 'identity-worker']) {
      expect(section(out, service)).not.toMatch(/\n {4}(ports|container_name):/);
    }
    for (const side of ['forum', 'identity'])
      expect(section(out, sideService(side, 'api'))).toMatch(/TRUST_PROXY: '1'/);
    const proxy = section(out, 'proxy');
    expect(proxy).toMatch(/FORUM_UPSTREAM: api:3000/);
    expect(proxy).toMatch(/IDENTITY_UPSTREAM: identity-api:3000/);
    expect(proxy).toMatch(/nginx\/default\.conf\.template:\/etc\/nginx\/templates\/default\.conf\.template:ro/);
    expect(proxy).toMatch(/published: 3000\n\s+target: 80\n/);
    expect(proxy).toMatch(/published: 3001\n\s+target: 81\n/);
  });

  it('refuses to start without the production secrets', () => {
    expect(() =>
      execFileSync('docker-compose', ['-f', 'docker/compose.yml', 'config'], {
        encoding: 'utf8',
        stdio: 'pipe',
        env: { PATH: process.env.PATH },
      }),
    ).toThrow(/set ISSUER_MASTER_SEED/);
  });
});
