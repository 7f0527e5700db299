import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { Piscina } from 'piscina';

/** The built worker file at `url`; undefined when running from TypeScript sources (Jest), which a thread cannot load. */
export function builtWorkerFile(url: URL): string | undefined {
  const file = fileURLToPath(url);
  return existsSync(file) ? file : undefined;
}

/**
 * Elliptic-curve work off the event loop: a piscina pool of up to `threads` worker threads running `file`'s default
 * export, so reads keep being served while tokens are issued or verified and throughput scales with cores. With
 * `threads` 0 or no built worker file, `inline` (the same pure function) runs in-process instead. Only plain data
 * crosses the thread boundary: bytes, numbers, bigints.
 */
export class CryptoPool<T, R> {
  private readonly pool: Piscina | undefined;

  constructor(
    name: string,
    file: string | undefined,
    threads: number,
    private readonly inline: (task: T) => R,
  ) {
    if (threads > 0 && file) {
      this.pool = new Piscina({ filename: file, minThreads: 1, maxThreads: threads, idleTimeout: 60_000 });
      new Logger(name).log({ threads }, 'Runs in a worker-thread pool');
    } else {
      new Logger(name).log({ threads, built: Boolean(file) }, 'Runs in-process');
    }
  }

  get pooled(): boolean {
    return this.pool !== undefined;
  }

  async run(task: T): Promise<R> {
    if (!this.pool) return this.inline(task);
    return (await this.pool.run(task)) as R;
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
  }
}
