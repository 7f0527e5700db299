import { SMTPServer } from 'smtp-server';
import { WAIT_MS } from './timing.js';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP listener in the test process that keeps what it receives. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer;
  port = 0;
  /** When set, the next N deliveries are refused with a 451. */
  refuseNext = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext--;
            const err = new Error('try later') as Error & {
              responseCode: number;
            };
            err.responseCode = 451;
            return callback(err);
          }
          this.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits (bounded) for a mail to `address` beyond the first `after` ones, and returns its code. */
  async codeFor(address: string, after = 0, timeoutMs = WAIT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mails = this.mails.filter((m) => m.to.includes(address));
      if (mails.length > after) {
        const match = /code is (\d{6})/.exec(mails[mails.length - 1].raw);
        if (match) return match[1];
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`No mail to ${address} within ${timeoutMs} ms`);
  }

  countFor(address: string): number {
    return this.mails.filter((m) => m.to.includes(address)).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
