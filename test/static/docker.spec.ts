import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

// No Docker engine runs here; Debian's docker-compose 1.29 still parses and
// validates a compose file without one (.ci/run installs it).
describe('docker/compose.yml', () => {
  it('is a valid compose file with the whole stack', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker/compose.yml', 'config', '--services'], {
      encoding: 'utf8',
      env: { ...process.env, ISSUER_MASTER_SEED: 'x', EMAIL_PEPPER: 'x', SESSION_SECRET: 'x' },
    });
    expect(out.trim().split('\n').sort()).toEqual(['api', 'mail', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it('runs Redis as BullMQ asks for production: append-only persistence and no eviction', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker/compose.yml', 'config'], {
      encoding: 'utf8',
      env: { ...process.env, ISSUER_MASTER_SEED: 'x', EMAIL_PEPPER: 'x', SESSION_SECRET: 'x' },
    });
    const redis = out.split('\n  redis:\n')[1].split(/\n  [a-z]+:\n/)[0];
    const command = redis.split('healthcheck:')[0];
    const args = [...command.matchAll(/^ {4}- (.+)$/gm)].map((m) => m[1].replace(/"/g, ''));
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    expect(args[0]).toBe('redis-server');
    expect(value('--appendonly')).toBe('yes');
    expect(value('--maxmemory-policy')).toBe('noeviction');
    expect(redis).toMatch(/- redisdata:\/data/);
  });

  it('gives each service its own healthcheck: the API its /health, the worker its metrics listener, migrate none', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker/compose.yml', 'config'], {
      encoding: 'utf8',
      env: { ...process.env, ISSUER_MASTER_SEED: 'x', EMAIL_PEPPER: 'x', SESSION_SECRET: 'x' },
    });
    const section = (name: string) => out.split(`\n  ${name}:\n`)[1].split(/\n  [a-z]+:\n/)[0];
    expect(section('worker')).toMatch(/HEALTHCHECK_URL: http:\/\/127\.0\.0\.1:9464\/health/);
    expect(section('api')).not.toMatch(/HEALTHCHECK_URL/);
    expect(section('migrate')).toMatch(/healthcheck:\n\s+test:\n\s+- NONE/);
    const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/HEALTHCHECK .*"node", "docker\/healthcheck\.mjs"/);
    expect(dockerfile).not.toMatch(/HEALTHCHECK .*:3000/);
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
