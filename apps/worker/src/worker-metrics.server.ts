import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { MetricsService } from '@unlinked/platform';

/**
 * The worker process has no HTTP app; this serves its metrics (job
 * durations, failures, screening decisions) at :WORKER_METRICS_PORT/metrics.
 * Only the worker's own main module provides it: with RUN_WORKERS the API's
 * /metrics already covers the in-process workers.
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
    const port = this.config.operations.workerMetricsPort;
    if (!port || !this.config.operations.metricsEnabled) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    this.server.listen(port, this.config.host, () => this.logger.log(`Worker metrics on port ${port}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
