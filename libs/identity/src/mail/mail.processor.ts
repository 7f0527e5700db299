import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { JobName, QueueName, type JobPayloads } from '@unlinked/jobs';
import type { Job } from 'bullmq';
import { MailerService } from './mailer.service.js';
import { JobProcessor, type Handlers } from '@unlinked/platform';

type CodeJob = Job<JobPayloads[JobName.SendVerificationCode]>;

/**
 * Sends verification codes. The job carries the only copy of the raw address
 * (privacy rule 7): it is queued with removeOnComplete, and when the last
 * attempt fails its data is blanked, so the failure stays visible (failed
 * set, warning log) without the address.
 */
@Injectable()
export class MailProcessor extends JobProcessor {
  readonly queue = QueueName.Mail;
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected handlers(): Handlers {
    return {
      [JobName.SendVerificationCode]: (payload, job) => this.sendCode(payload, job),
    };
  }

  private async sendCode({ to, code }: JobPayloads[JobName.SendVerificationCode], job: CodeJob): Promise<void> {
    try {
      await this.mailer.send({
        to,
        subject: `Your Unlinked code: ${code}`,
        text:
          `Your Unlinked verification code is ${code}\n\n` +
          `It is valid for ${this.config.identity.codeTtlMinutes} minutes and works once. If you did not ask for it, ignore this mail.\n`,
      });
    } catch (e) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        await job.updateData({ to: '', code: '' });
        this.logger.error({ jobId: job.id, err: { type: (e as Error).name } }, 'Verification mail failed for good');
      }
      throw new Error('Sending the verification mail failed');
    }
  }
}
