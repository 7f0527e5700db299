import { Module } from '@nestjs/common';
import { BullBoardService } from './bull-board.service.js';
import { MetricsServer } from './metrics.server.js';

/**
 * API-side operations: the Prometheus endpoint (its own loopback listener, not
 * the public port) and the admin queue dashboard.
 */
@Module({
  providers: [MetricsServer, BullBoardService],
})
export class OperationsModule {}
