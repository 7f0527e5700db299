import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { missingServices } from '@unlinked/platform';
import { TEST_PG_URL, TEST_REDIS_URL } from '../support/test-database.js';

const run = promisify(execFile);

/** A loopback port with nothing listening on it (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('preflight: a missing service is named in one line, and the process exits', () => {
  it('finds nothing missing when Redis and PostgreSQL answer', async () => {
    expect(await missingServices({ redisUrl: TEST_REDIS_URL, databaseUrl: TEST_PG_URL })).toEqual([]);
  });

  it('names Redis and PostgreSQL, each with how to start it, and never prints a password', async () => {
    const redisPort = await closedPort();
    const pgPort = await closedPort();
    const problems = await missingServices({
      redisUrl: `redis://:hunter2@127.0.0.1:${redisPort}`,
      databaseUrl: `postgres://u:hunter2@127.0.0.1:${pgPort}/x`,
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^Redis is not answering at 127\\.0\\.0\\.1:${redisPort}.*redis-server`));
    expect(problems[1]).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${pgPort}.*pg_ctlcluster`));
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('names a configured database that does not exist', async () => {
    const url = new URL(TEST_PG_URL);
    url.pathname = '/unlinked_no_such_database';
    const problems = await missingServices({ redisUrl: TEST_REDIS_URL, databaseUrl: url.toString() });
    expect(problems).toEqual([expect.stringContaining('the database does not exist')]);
  });

  it('the API entry point prints one line and exits 1 when Redis is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unlinked-preflight-'));
    try {
      const port = await closedPort();
      const result = await run('npx', ['tsx', 'apps/api/src/main.ts'], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          REDIS_URL: `redis://127.0.0.1:${port}`,
          DATA_DIR: dataDir,
        },
        timeout: 120_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr ?? '' }),
      );
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          /^Redis is not answering at 127\.0\.0\.1:\d+ \(REDIS_URL\)\. Start it with: redis-server/,
        ),
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
