import { Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service.js';
import { PublicationService } from './publication.service.js';

/** The publication pipeline, for the worker: outbox relay and the publish step. */
@Module({
  providers: [PublicationService, OutboxRelayService],
  exports: [PublicationService, OutboxRelayService],
})
export class PublicationModule {}
