import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { JobProcessor, type Handlers } from '../queues/job-processor.js';
import { PruneService } from './prune.service.js';

/** Deletes expired rows of every side (a table list, no side's code). Epoch rotation is identity's own processor. */
@Injectable()
export class MaintenanceProcessor extends JobProcessor {
  readonly queue = QueueName.Maintenance;

  constructor(private readonly prune: PruneService) {
    super();
  }

  protected handlers(): Handlers {
    return { [JobName.PruneExpired]: () => this.prune.run() };
  }
}
