import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { PruneService } from '../maintenance/prune.service.js';
import { JobProcessor, type Handlers } from './job-processor.js';

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
