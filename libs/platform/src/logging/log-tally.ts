import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type LoggerService,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';

type Labels = Readonly<Record<string, string | number | boolean>>;

interface Row {
  readonly labels: Labels;
  n: number;
  totalMs: number;
  maxMs: number;
  timed: boolean;
}

/**
 * One log line per window instead of one per event (privacy rule 5): events
 * that follow anonymous writes (requests, screening, publication, relays, code
 * mails) are counted by their labels and written together at the next multiple
 * of the window (Unix time, as the metrics snapshots), so no log line dates a
 * single event more finely than the window. A line carries the window's start,
 * its length and, per distinct label set, the count and (when given) the mean
 * and maximum duration.
 *
 * The timer is started by the first event and unref'd; `flush()` writes what
 * is counted at once (shutdown hooks call it, so nothing counted is lost).
 */
export class LogTally {
  private rows = new Map<string, Row>();
  private windowStart = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Pick<LoggerService, 'log'>,
    private readonly message: string,
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `n` events (default 1) under `labels`, with their duration when `ms` is given. */
  add(labels: Labels, { n = 1, ms }: { n?: number; ms?: number } = {}): void {
    if (this.rows.size === 0) this.open();
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    let row = this.rows.get(key);
    if (!row) {
      row = { labels, n: 0, totalMs: 0, maxMs: 0, timed: false };
      this.rows.set(key, row);
    }
    row.n += n;
    if (ms !== undefined) {
      row.timed = true;
      row.totalMs += ms;
      row.maxMs = Math.max(row.maxMs, ms);
    }
  }

  /** Writes the counted events as one line and starts a new window. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.rows.size === 0) return;
    const counts = [...this.rows.values()].map((r) => ({
      ...r.labels,
      n: r.n,
      ...(r.timed ? { meanMs: Math.round((r.totalMs / r.n) * 10) / 10, maxMs: Math.round(r.maxMs * 10) / 10 } : {}),
    }));
    this.rows = new Map();
    this.logger.log(
      { window: new Date(this.windowStart).toISOString(), windowSeconds: this.windowSeconds, counts },
      this.message,
    );
  }

  private open(): void {
    const windowMs = this.windowSeconds * 1000;
    const t = this.now();
    this.windowStart = t - (t % windowMs);
    this.timer = setTimeout(() => this.flush(), this.windowStart + windowMs - t);
    this.timer.unref();
  }
}

/** Makes the process's tallies, all with LOG_WINDOW_SECONDS, and flushes them at shutdown. */
@Injectable()
export class LogTallies implements OnApplicationShutdown {
  private readonly tallies: LogTally[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  create(context: string, message: string): LogTally {
    const tally = new LogTally(new Logger(context), message, this.config.operations.logWindowSeconds);
    this.tallies.push(tally);
    return tally;
  }

  onApplicationShutdown(): void {
    for (const tally of this.tallies) tally.flush();
  }
}

/** Provides LogTallies everywhere (imported once, by CoreModule). */
@Global()
@Module({ providers: [LogTallies], exports: [LogTallies] })
export class LogTalliesModule {}
