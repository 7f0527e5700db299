import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';
import { QueueDepthCollector } from './queue-depth.collector.js';

/** Metrics for the API and the worker; both processes import it through CoreModule. */
@Global()
@Module({
  providers: [MetricsService, QueueDepthCollector],
  exports: [MetricsService],
})
export class MetricsModule {}
