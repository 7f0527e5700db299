import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { processQueues } from '../queues/queue-storage.js';
import type { Queue } from 'bullmq';
import { MetricsService, QUEUE_STATES } from './metrics.service.js';

/** Reads every queue's job counts when Prometheus scrapes; a Redis outage leaves the gauge empty, not the scrape failed. */
@Injectable()
export class QueueDepthCollector implements OnModuleInit {
  private readonly logger = new Logger(QueueDepthCollector.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const queues = processQueues(this.config).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    this.metrics.setQueueDepthSource(async (gauge) => {
      gauge.reset();
      await Promise.all(
        queues.map(async (queue) => {
          try {
            const counts = await queue.getJobCounts(...QUEUE_STATES);
            for (const state of QUEUE_STATES) gauge.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch (err) {
            this.logger.warn({ queue: queue.name, err: { type: (err as Error).name } }, 'Queue depth unavailable');
          }
        }),
      );
    });
  }
}
