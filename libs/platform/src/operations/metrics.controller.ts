import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { MetricsService } from './metrics.service.js';

/** Prometheus scrape endpoint (text exposition format). Disable with METRICS_ENABLED=false. */
@Controller()
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    if (!this.config.operations.metricsEnabled) throw new NotFoundException();
    return this.metrics.registry.metrics();
  }
}
