import { execFileSync } from 'node:child_process';
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
