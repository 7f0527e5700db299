import { Module } from '@nestjs/common';
import { BullBoardService } from './bull-board.service.js';
import { MetricsController } from './metrics.controller.js';

/** API-side operations: the Prometheus endpoint and the admin queue dashboard. */
@Module({
  controllers: [MetricsController],
  providers: [BullBoardService],
})
export class OperationsModule {}
