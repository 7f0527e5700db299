import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { ModerationService } from './moderation.service.js';
import { ScreeningPipeline } from './screening/screening.pipeline.js';
import { JobProcessor, type Handlers } from '@unlinked/platform';

/** Screening before publication, and flag recounts. Both handlers are idempotent, so retries and stalled-job recovery are safe. */
@Injectable()
export class ModerationProcessor extends JobProcessor {
  readonly queue = QueueName.Moderation;

  constructor(
    private readonly pipeline: ScreeningPipeline,
    private readonly moderation: ModerationService,
  ) {
    super();
  }

  protected handlers(): Handlers {
    return {
      [JobName.ScreenContent]: (payload) => this.pipeline.screenAndHandOff(payload),
      [JobName.RecountFlags]: ({ itemId }) => this.moderation.recountFlags(itemId),
    };
  }
}
