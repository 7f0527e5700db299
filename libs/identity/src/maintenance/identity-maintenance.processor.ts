import { Injectable } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { JobProcessor, type Handlers } from '@unlinked/platform';
import { IdentityMaintenanceService } from './identity-maintenance.service.js';

@Injectable()
export class IdentityMaintenanceProcessor extends JobProcessor {
  readonly queue = QueueName.Maintenance;

  constructor(private readonly identity: IdentityMaintenanceService) {
    super();
  }

  protected handlers(): Handlers {
    return { [JobName.RotateEpochs]: () => this.identity.rotate() };
  }
}
