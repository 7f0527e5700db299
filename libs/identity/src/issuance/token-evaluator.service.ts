import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { Piscina } from 'piscina';
import { evaluateTask, type EvaluateTask } from './evaluate-task.js';

/** Optional override of the worker file (tests point it at a bundled copy). */
export const EVALUATOR_WORKER_FILE = Symbol('EVALUATOR_WORKER_FILE');

/** The built worker next to this file; absent when running from TypeScript sources (Jest). */
function defaultWorkerFile(): string | undefined {
  const file = fileURLToPath(new URL('./evaluate.worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/**
 * Runs VOPRF evaluations in a piscina pool of ISSUANCE_THREADS threads (the
 * core count by default), so the event loop keeps serving reads while tokens
 * are issued. ISSUANCE_THREADS=0, or no built worker file (running from
 * sources under Jest), evaluates in-process instead.
 */
@Injectable()
export class TokenEvaluator implements OnModuleDestroy {
  private readonly logger = new Logger(TokenEvaluator.name);
  private readonly pool: Piscina | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(EVALUATOR_WORKER_FILE) workerFile?: string) {
    const threads = config.issuance.threads;
    const file = workerFile ?? defaultWorkerFile();
    if (threads > 0 && file) {
      this.pool = new Piscina({
        filename: file,
        minThreads: 1,
        maxThreads: threads,
        idleTimeout: 60_000,
      });
      this.logger.log({ threads }, 'Token evaluation runs in a worker-thread pool');
    } else {
      this.logger.log({ threads, built: Boolean(file) }, 'Token evaluation runs in-process');
    }
  }

  get pooled(): boolean {
    return this.pool !== undefined;
  }

  async evaluate(task: EvaluateTask): Promise<Uint8Array[]> {
    if (!this.pool) return evaluateTask(task);
    const out = (await this.pool.run(task)) as Uint8Array[];
    return out.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }
}
