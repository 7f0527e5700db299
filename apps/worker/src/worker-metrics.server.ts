import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { MetricsService, serveMetrics } from '@unlinked/platform';

/**
 * The worker process has no HTTP app; this serves its metrics (job
 * durations, failures, screening decisions) at
 * METRICS_HOST:WORKER_METRICS_PORT/metrics, as windowed snapshots like the
 * API's. Only the worker's own main module provides it: with RUN_WORKERS the
 * API's metrics listener already covers the in-process workers.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const { workerMetricsPort: port, metricsHost: host, metricsEnabled } = this.config.operations;
    if (!port || !metricsEnabled) return;
    this.server = serveMetrics(this.metrics);
    this.server.listen(port, host, () => this.logger.log(`Worker metrics on ${host}:${port}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
