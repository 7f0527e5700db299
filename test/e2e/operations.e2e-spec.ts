import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

const ADMIN = randomBytes(16).toString('hex');
const MODERATOR = randomBytes(16).toString('hex');

/** Metrics are served on their own loopback listener (METRICS_PORT), not on the public port. */
let metricsUrl = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function metrics(): Promise<string> {
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  return res.text();
}

describe('operations: /metrics and Bull Board (real Redis, PostgreSQL, HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    api = await startTestApi({
      METRICS_PORT: String(port),
      // One-second windows, so the job counted below shows up within the test's wait.
      METRICS_WINDOW_SECONDS: '1',
      RUN_WORKERS: 'true',
      BULL_BOARD_ENABLED: 'true',
      STAFF_TOKENS: `${ADMIN}=admin:${randomUUID()},${MODERATOR}=moderator:${randomUUID()}`,
      QUEUE_CONCURRENCY: 'maintenance=1',
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('exposes queue depths per queue and state in Prometheus format', async () => {
    const res = await fetch(metricsUrl);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toMatch(/unlinked_queue_jobs\{queue="maintenance",state="waiting"\} \d+/);
    expect(body).toMatch(/unlinked_queue_jobs\{queue="maintenance",state="failed"\} \d+/);
    expect(body).toContain('unlinked_process_cpu_seconds_total');
  });

  it('counts completed jobs and their durations by queue and job name', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    await queue.add(JobName.PruneExpired, {});
    await until(async () =>
      /unlinked_jobs_completed_total\{queue="maintenance",job="prune-expired"\} [1-9]/.test(await metrics()),
    );
    expect(await metrics()).toMatch(
      /unlinked_job_duration_seconds_count\{queue="maintenance",job="prune-expired"\} [1-9]/,
    );
  });

  it('uses only fixed, non-personal label names', async () => {
    const body = await metrics();
    const labels = new Set([...body.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]));
    for (const label of labels) {
      expect([
        'queue',
        'state',
        'job',
        'final',
        'source',
        'outcome',
        'rule',
        'le',
        'version',
        'major',
        'minor',
        'patch',
        'type',
        'kind',
        'space',
      ]).toContain(label);
    }
  });

  it('serves Bull Board to admins only', async () => {
    const api_ = `${api.url}/admin/queues/api/queues`;
    expect((await fetch(api_)).status).toBe(401);
    expect((await fetch(api_, { headers: { authorization: 'Bearer not-a-token-at-all' } })).status).toBe(401);
    expect((await fetch(api_, { headers: { authorization: `Bearer ${MODERATOR}` } })).status).toBe(403);
    const ok = await fetch(api_, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    const page = await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Unlinked queues');
  });
});

describe('operations: Bull Board is off by default', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ STAFF_TOKENS: `${ADMIN}=admin:${randomUUID()}` });
  });

  afterAll(async () => {
    await api.close();
  });

  it('does not mount the dashboard unless BULL_BOARD_ENABLED', async () => {
    const res = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(404);
  });
});
