import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { LogTallies, type LogTally } from '@unlinked/platform';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * nodemailer over SMTP_URL. Without SMTP_URL (development) each mail is
 * written as an .eml file with a random name to MAIL_OUTBOX_DIR and deleted
 * MAIL_OUTBOX_TTL_SECONDS later (a file dates a code request); the log counts
 * mails per window and names the folder, never the address, the content or
 * the instant (privacy rules 5 and 6).
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly outbox: string | undefined;
  private readonly written: LogTally;
  private readonly expiries = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tallies: LogTallies,
  ) {
    this.written = tallies.create(MailerService.name, 'Mail written to the development outbox');
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
      const name = `${randomUUID()}.eml`;
      const staging = `${this.outbox}.staging`;
      await mkdir(this.outbox, { recursive: true, mode: 0o700 });
      await mkdir(staging, { recursive: true, mode: 0o700 });
      await writeFile(join(staging, name), info.message ?? '', { mode: 0o600 });
      await rename(join(staging, name), join(this.outbox, name));
      this.expire(join(this.outbox, name));
      await this.removeStale(this.outbox);
      this.written.add({ outbox: this.outbox });
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.expiries) clearTimeout(timer);
    this.transport.close();
  }

  private expire(file: string): void {
    const timer = setTimeout(() => {
      this.expiries.delete(timer);
      void rm(file, { force: true });
    }, this.config.mailOutboxTtlSeconds * 1000);
    timer.unref();
    this.expiries.add(timer);
  }

  /** Files a previous process left behind (its timers died with it). */
  private async removeStale(dir: string): Promise<void> {
    const cutoff = Date.now() - this.config.mailOutboxTtlSeconds * 1000;
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
    }
  }
}
