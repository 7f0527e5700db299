import { Injectable } from '@nestjs/common';
import { ContentType } from '@unlinked/db/anonymous';
import { JobName, QueueName } from '@unlinked/jobs';
import { OutboxRelayService } from './outbox-relay.service.js';
import { OutboxSweepService } from './outbox-sweep.service.js';
import { PublicationService } from './publication.service.js';
import { JobProcessor, type Handlers } from '@unlinked/platform';

@Injectable()
export class PublicationProcessor extends JobProcessor {
  readonly queue = QueueName.Publication;

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly publication: PublicationService,
    private readonly sweeper: OutboxSweepService,
  ) {
    super();
  }

  protected handlers(): Handlers {
    return {
      [JobName.RelayOutbox]: () => this.relay.relayAll(),
      [JobName.SweepOutbox]: () => this.sweeper.sweep(),
      [JobName.PublishContent]: ({ outboxId, contentType, contentId }) =>
        this.publication.publish(contentType as ContentType, contentId, outboxId),
    };
  }
}
