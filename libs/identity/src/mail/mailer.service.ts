import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * nodemailer over SMTP_URL. Without SMTP_URL (development) each mail is
 * written as an .eml file to MAIL_OUTBOX_DIR; the log names the folder,
 * never the address or the content (privacy rule 6).
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter;
  private readonly outbox: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      this.transport = nodemailer.createTransport(config.smtpUrl);
    } else {
      this.outbox = config.mailOutboxDir;
      this.transport = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      ...mail,
    })) as { message?: Buffer };
    if (this.outbox) {
      // Written beside the outbox, then renamed in: whoever reads the outbox never sees a half-written mail.
      const name = `${Date.now()}-${randomUUID()}.eml`;
      const staging = `${this.outbox}.staging`;
      await mkdir(this.outbox, { recursive: true, mode: 0o700 });
      await mkdir(staging, { recursive: true, mode: 0o700 });
      await writeFile(join(staging, name), info.message ?? '', { mode: 0o600 });
      await rename(join(staging, name), join(this.outbox, name));
      this.logger.log({ outbox: this.outbox }, 'Mail written to the development outbox');
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
