import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MetricsService } from '@unlinked/platform';
import { openCompany, postThread } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

const WINDOW_SECONDS = 3600;

/** A port free right now on loopback (the metrics listener needs a fixed one). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Series name+labels → value, from a text exposition. */
function series(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of body.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), line.slice(cut + 1));
  }
  return out;
}

describe('metrics: not public, and no series moves at an anonymous write or a code request', () => {
  let api: TestApi;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    api = await startTestApi({
      RUN_WORKERS: 'true',
      METRICS_PORT: String(port),
      METRICS_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  });

  afterAll(async () => {
    await api?.close();
  });

  async function scrape(): Promise<string> {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    return res.text();
  }

  it('refuses /metrics on the public port; serves it on the loopback metrics listener', async () => {
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('unlinked_');
    expect(api.config.operations.metricsHost).toBe('127.0.0.1');
    expect(await scrape()).toContain('unlinked_queue_jobs');
  });

  it('shows a write and a code request only at the next window boundary, never at their instant', async () => {
    // Stay clear of a boundary, which would legitimately publish a new snapshot mid-test.
    const untilBoundary = WINDOW_SECONDS * 1000 - (Date.now() % (WINDOW_SECONDS * 1000));
    if (untilBoundary < 60_000) await new Promise((r) => setTimeout(r, untilBoundary + 1000));
    const metrics = api.app.get(MetricsService);
    await metrics.snapshotNow();
    const before = await scrape();
    const liveBefore = series(await metrics.registry.metrics());

    const company = await openCompany(api, 'tencent');
    await postThread(api, company, 'Metrics must not date this', 'A body long enough to be a post.');
    const code = await api.gql(`mutation { requestVerificationCode(email: "metrics.probe@initech.io") { sent } }`);
    expect(code.errors).toBeUndefined();

    // The live registry does move (screening ran, the mail was sent): there is something to hide.
    const moved = await until(async () => {
      const live = series(await metrics.registry.metrics());
      const screened = live.get('unlinked_jobs_completed_total{queue="moderation",job="screen-content"}');
      const mailed = live.get('unlinked_jobs_completed_total{queue="mail",job="send-verification-code"}');
      return screened && mailed ? live : undefined;
    });
    expect(moved.get('unlinked_jobs_completed_total{queue="mail",job="send-verification-code"}')).not.toBe(
      liveBefore.get('unlinked_jobs_completed_total{queue="mail",job="send-verification-code"}'),
    );

    // A scan of every series around the write and the request: nothing changed on the scrape.
    for (let i = 0; i < 5; i++) {
      expect(await scrape()).toBe(before);
      await new Promise((r) => setTimeout(r, 100));
    }

    // At the boundary the window's aggregate appears.
    await metrics.snapshotNow();
    const after = series(await scrape());
    expect(after.get('unlinked_jobs_completed_total{queue="mail",job="send-verification-code"}')).toBe('1');
  });
});
