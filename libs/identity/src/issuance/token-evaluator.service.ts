import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { builtWorkerFile, CryptoPool } from '@unlinked/platform';
import { evaluateTask, type EvaluateTask } from './evaluate-task.js';

/** Optional override of the worker file (tests point it at a bundled copy). */
export const EVALUATOR_WORKER_FILE = Symbol('EVALUATOR_WORKER_FILE');

/**
 * Runs VOPRF evaluations in a worker-thread pool of ISSUANCE_THREADS threads
 * (the core count by default), so the event loop keeps serving reads while
 * tokens are issued. ISSUANCE_THREADS=0, or no built worker file (running from
 * sources under Jest), evaluates in-process instead.
 */
@Injectable()
export class TokenEvaluator implements OnModuleDestroy {
  private readonly pool: CryptoPool<EvaluateTask, Uint8Array[]>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(EVALUATOR_WORKER_FILE) workerFile?: string) {
    const file = workerFile ?? builtWorkerFile(new URL('./evaluate.worker.js', import.meta.url));
    this.pool = new CryptoPool(TokenEvaluator.name, file, config.issuance.threads, evaluateTask);
  }

  get pooled(): boolean {
    return this.pool.pooled;
  }

  async evaluate(task: EvaluateTask): Promise<Uint8Array[]> {
    const out = await this.pool.run(task);
    return out.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
