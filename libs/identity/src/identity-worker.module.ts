import { Module } from '@nestjs/common';
import { IdentityDataModule } from './identity-data.module.js';
import { MailProcessor } from './mail/mail.processor.js';
import { MailerService } from './mail/mailer.service.js';
import { IdentityMaintenanceProcessor } from './maintenance/identity-maintenance.processor.js';
import { IdentityMaintenanceService } from './maintenance/identity-maintenance.service.js';

/** Identity-side jobs: verification mail and epoch upkeep. */
@Module({
  imports: [IdentityDataModule],
  providers: [MailerService, MailProcessor, IdentityMaintenanceService, IdentityMaintenanceProcessor],
})
export class IdentityWorkerModule {}
