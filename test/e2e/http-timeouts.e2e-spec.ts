import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { LONG_WAIT_MS } from '../support/timing.js';

/** Resolves when the server closes the socket; fails the test if that takes longer than `bound`. */
function closedWithin(socket: Socket, bound: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${bound} ms`)), bound);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on('error', () => undefined);
  });
}

/** Issue 12: idle connections are not held for ever. */
describe('HTTP connection limits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ HTTP_IDLE_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '1500' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('closes a connection that never sends a request, and one that sends headers but never finishes them', async () => {
    const { port } = new URL(api.url);
    const idle = connect(Number(port), '127.0.0.1');
    const slow = connect(Number(port), '127.0.0.1', () => slow.write('GET /health HTTP/1.1\r\nHost: x\r\n'));
    const [idleAfter, slowAfter] = await Promise.all([
      closedWithin(idle, LONG_WAIT_MS),
      closedWithin(slow, LONG_WAIT_MS),
    ]);
    // Closed by the server's limits (1 s idle, 1.5 s per request), not by anything else ending the test.
    expect(idleAfter).toBeGreaterThanOrEqual(900);
    expect(slowAfter).toBeGreaterThanOrEqual(900);
  });
});
