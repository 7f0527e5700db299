import { afterEach, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule, loadConfig, type AppConfig } from '@unlinked/config';
import { JobName, JobRegistry, QueueName } from '@unlinked/jobs';
import { Queue, QueueEvents } from 'bullmq';
import { CoreModule, redisOptionsOf, PruneService, QueueWorkers } from '@unlinked/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { LogCapture } from '../support/log-capture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { clearRedisPrefix, testEnv } from '../support/test-app.js';
import { FORUM_DB } from '@unlinked/db/anonymous';
import type { DataSource } from 'typeorm';
import { WAIT_MS } from '../support/timing.js';

describe('worker', () => {
  let db: TestDatabase | undefined;
  let config: AppConfig;
  let context: INestApplicationContext | undefined;

  async function boot(module: (config: AppConfig) => unknown): Promise<INestApplicationContext> {
    db = await createTestDatabase();
    config = loadConfig(testEnv(db.url));
    @Module({ imports: [CoreModule.forRoot(config, { logStream: new LogCapture() }), module(config) as never] })
    class Root {}
    context = await NestFactory.createApplicationContext(Root, { logger: false, abortOnError: false });
    await context.init();
    return context;
  }

  afterEach(async () => {
    await context?.close();
    context = undefined;
    await db?.drop();
    await clearRedisPrefix(config.queuePrefix);
  });

  it('refuses to start when a job name has no handler', async () => {
    // QueueWorkers without the maintenance processor: prune-expired is left unhandled. Only config is
    // loaded, so the refused boot leaves no connection open.
    config = loadConfig(testEnv(undefined));
    @Module({ imports: [ConfigModule.forRoot(config)], providers: [JobRegistry, QueueWorkers] })
    class IncompleteWorkers {}
    await expect(
      NestFactory.createApplicationContext(IncompleteWorkers, { logger: false, abortOnError: false }),
    ).rejects.toThrow(/No handler for job\(s\): prune-expired/);
  });

  it('runs the repeatable maintenance job against real Redis and prunes expired rows', async () => {
    await boot((c) => WorkerModule.forRoot(c));
    const connection = redisOptionsOf(config.redisUrl);
    const queue = new Queue(QueueName.Maintenance, { connection, prefix: config.queuePrefix });
    const events = new QueueEvents(QueueName.Maintenance, { connection, prefix: config.queuePrefix });
    try {
      // The scheduler is registered at boot: a repeatable job every 15 minutes.
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.every])).toContainEqual([JobName.PruneExpired, 15 * 60 * 1000]);

      // A real target: an expired and a live row in a scratch table.
      const ds = context!.get<symbol, DataSource>(FORUM_DB, { strict: false });
      await ds.query(`CREATE TABLE scratch_expiring (id int, expires_at timestamptz)`);
      await ds.query(
        `INSERT INTO scratch_expiring VALUES (1, now() - interval '1 minute'), (2, now() + interval '1 hour')`,
      );
      const service = context!.get(PruneService);
      const result = await service.run([{ side: 'forum', table: 'scratch_expiring', column: 'expires_at' }]);
      expect(result).toEqual({ scratch_expiring: 1 });
      expect(await ds.query(`SELECT id FROM scratch_expiring`)).toEqual([{ id: 2 }]);

      // And the job itself completes through a real BullMQ worker.
      await events.waitUntilReady();
      const job = await queue.add(JobName.PruneExpired, {});
      await expect(job.waitUntilFinished(events, WAIT_MS)).resolves.toEqual(expect.any(Object));
    } finally {
      await events.close();
      await queue.close();
    }
  });
});
