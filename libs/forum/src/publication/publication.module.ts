import { Module } from '@nestjs/common';
import { ForumCoreModule } from '../forum-core.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';

/** The publication pipeline, for the worker: outbox relay and the publish step. */
@Module({
  imports: [ForumCoreModule],
  providers: [OutboxRelayService],
  exports: [ForumCoreModule, OutboxRelayService],
})
export class PublicationModule {}
