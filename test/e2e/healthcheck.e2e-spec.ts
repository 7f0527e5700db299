import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/redis-server.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

const run = promisify(execFile);

/** docker/healthcheck.mjs, the image's HEALTHCHECK: exit 0 when HEALTHCHECK_URL answers 2xx, 1 otherwise. */
async function healthcheck(url: string): Promise<number> {
  return run('node', ['docker/healthcheck.mjs'], { env: { PATH: process.env.PATH, HEALTHCHECK_URL: url } }).then(
    () => 0,
    (e: { code?: number }) => e.code ?? -1,
  );
}

describe('container healthcheck script', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('passes on a live /health and fails on a closed port or a 404', async () => {
    expect(await healthcheck(`${api.url}/health`)).toBe(0);
    expect(await healthcheck(`http://127.0.0.1:${await freePort()}/health`)).toBe(1);
    expect(await healthcheck(`${api.url}/privacy-pass/nope`)).toBe(1);
  });
});
