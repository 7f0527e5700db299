import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { IdentityMaintenanceService } from '../maintenance/identity-maintenance.service.js';
import { PruneService } from '../maintenance/prune.service.js';
import { JobProcessor, type Handlers } from './job-processor.js';

@Injectable()
export class MaintenanceProcessor extends JobProcessor {
  readonly queue = QueueName.Maintenance;

  constructor(
    private readonly prune: PruneService,
    private readonly identity: IdentityMaintenanceService,
  ) {
    super();
  }

  protected handlers(): Handlers {
    return {
      [JobName.PruneExpired]: () => this.prune.run(),
      [JobName.RotateEpochs]: () => this.identity.rotate(),
    };
  }
}
