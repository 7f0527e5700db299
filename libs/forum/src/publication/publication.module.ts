import { Module } from '@nestjs/common';
import { ForumCoreModule } from '../forum-core.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { OutboxSweepService } from './outbox-sweep.service.js';

/** The publication pipeline, for the worker: outbox relay, the sweep that re-sends what Redis lost, and the publish step. */
@Module({
  imports: [ForumCoreModule],
  providers: [OutboxRelayService, OutboxSweepService],
  exports: [ForumCoreModule, OutboxRelayService, OutboxSweepService],
})
export class PublicationModule {}
