/**
 * What a scrape sees: the exposition as it stood at the last multiple of the
 * window (Unix time), never the live registry. A counter bumped by an
 * anonymous write or a code request is therefore visible only at the next
 * window boundary, with everything else that happened in that window, so the
 * metrics history dates no single event more finely than the window
 * (privacy rule 5). Snapshots are taken by a timer at the boundaries, not at
 * scrape time: a scraper cannot choose the instant it samples.
 */
export class MetricsWindow {
  private body: Promise<string> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly render: () => Promise<string>,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the first snapshot (the process's state at boot) and schedules the next at the coming boundary. */
  start(): void {
    if (this.timer) return;
    void this.take();
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The current snapshot (taken now if the window was never started). */
  read(): Promise<string> {
    if (!this.body) void this.take();
    return this.body!;
  }

  /** Milliseconds until the next window boundary. */
  untilNextBoundary(): number {
    const t = this.now();
    return this.windowMs - (t % this.windowMs);
  }

  /** Takes a snapshot now; the timer calls it at each boundary. */
  take(): Promise<string> {
    const body = this.render();
    // Keep serving the previous snapshot if this one fails (a Redis outage during collection).
    body.then(
      () => (this.body = body),
      () => undefined,
    );
    this.body ??= body;
    return body;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.take();
      this.schedule();
    }, this.untilNextBoundary());
    this.timer.unref();
  }
}
