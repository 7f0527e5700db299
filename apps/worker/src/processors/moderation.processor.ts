import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { ModerationService } from '../../../api/src/moderation/moderation.service.js';
import { ScreeningPipeline } from '../../../api/src/moderation/screening/screening.pipeline.js';
import { JobProcessor, type Handlers } from './job-processor.js';

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
