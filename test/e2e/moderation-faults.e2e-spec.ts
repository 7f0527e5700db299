import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  authorKey,
  companies,
  insertThread,
  moderationQueue,
  screen,
  threadStatus,
  until,
} from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { buildWorker, startWorker, workerEnv, type WorkerProcess } from '../support/worker-process.js';
import { BUILD_MS, LONG_WAIT_MS } from '../support/timing.js';

/**
 * Sessions of this test database waiting on a lock (the worker's screening
 * transaction). Asked outside the blocking transaction: pg_stat_activity is a
 * snapshot that stays fixed for the rest of a transaction.
 */
async function lockWaiters(api: TestApi): Promise<number> {
  const [{ n }] = (await api.dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as { n: number }[];
  return n;
}

describe('moderation faults: a worker killed mid-job (real worker processes, PostgreSQL, Redis)', () => {
  let api: TestApi;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    buildWorker();
    api = await startTestApi();
  }, BUILD_MS + 60_000);

  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGTERM');
        await w.exited;
      }
    }
    await api.close();
  });

  it('completes the screening job once on a second worker; nothing is lost or published twice', async () => {
    const [company] = await companies(api.dataSource);
    const id = await insertThread(
      api.dataSource,
      company.id,
      'A perfectly ordinary thread body.',
      authorKey().publicKey,
    );
    // No lock may lapse while its worker is alive: a job whose lock expires is taken back by a
    // stalled check and, stalled twice, fails. Both locks are renewed every lockDuration / 2, so
    // a worker would have to be starved for 5 s (first) or 15 s (second) on a loaded machine.
    // The first worker's lock only bounds how long recovery waits after the kill (at most 10 s).
    // Stalled checks run every second (one check per interval across all workers).
    const firstEnv = workerEnv(api, { WORKER_LOCK_DURATION_MS: '10000', WORKER_STALLED_INTERVAL_MS: '1000' });
    const secondEnv = workerEnv(api, { WORKER_LOCK_DURATION_MS: '30000', WORKER_STALLED_INTERVAL_MS: '1000' });

    // Hold the moderation table so the first worker's screening transaction blocks in the middle.
    const blocker = new pg.Client({ connectionString: api.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE moderation_items IN EXCLUSIVE MODE');

    const first = startWorker(firstEnv);
    workers.push(first);
    await screen(api, id, `screen-${id}`);
    await until(async () => (await lockWaiters(api)) > 0, LONG_WAIT_MS, 'the first worker to block on the table');
    const job = (await moderationQueue(api).getJob(`screen-${id}`))!;
    expect(await job.getState()).toBe('active');

    // Kill it in the middle of the job: no graceful shutdown, no completion, no failure reported.
    first.child.kill('SIGKILL');
    await first.exited;
    await blocker.query('COMMIT');
    await blocker.end();
    expect(await threadStatus(api.dataSource, id)).toBe('pending');

    // A second worker finds the stalled job and runs it to completion.
    const second = startWorker(secondEnv);
    workers.push(second);
    await until(
      async () => (await moderationQueue(api).getJob(`screen-${id}`))?.finishedOn,
      LONG_WAIT_MS,
      'the second worker to recover and finish the job',
    );
    const done = (await moderationQueue(api).getJob(`screen-${id}`))!;
    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toBe('publish');
    expect([done.stalledCounter, done.attemptsMade]).toEqual([1, 1]); // recovered from one stall, not retried after a failure

    const items = (await api.dataSource.query(`SELECT state, version FROM moderation_items WHERE content_id = $1`, [
      id,
    ])) as { state: string; version: number }[];
    expect(items).toEqual([{ state: 'published', version: 0 }]);
    expect(await threadStatus(api.dataSource, id)).toBe('published');
    expect(second.output()).not.toContain('A perfectly ordinary');
  });
});
