import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { MetricsService } from './metrics.service.js';

/**
 * The API's Prometheus endpoint, on its own listener (METRICS_HOST:METRICS_PORT,
 * loopback by default) instead of the public port: anyone on the internet could
 * otherwise watch the counters. What it serves is the windowed snapshot.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort: port, metricsHost: host, metricsEnabled } = this.config.operations;
    if (!port || !metricsEnabled) return;
    this.server = serveMetrics(this.metrics);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.logger.log(`Metrics on ${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A bare HTTP server answering GET /metrics with the snapshot; the worker uses it too. */
export function serveMetrics(metrics: MetricsService): Server {
  return createServer((req, res) => {
    // Liveness for a container healthcheck of a process without an HTTP app (the worker): it answers.
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.exposition().then(
      (body) =>
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
}
