import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { builtWorkerFile, CryptoPool } from '@unlinked/platform';
import { authorshipClaim, type SignedField, type SignedOperation } from '../authorship/signed-message.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { verifyTask, type VerifyOutcome, type VerifyTask } from './verify-task.js';

/** Optional override of the worker file (tests point it at a bundled copy). */
export const VERIFIER_WORKER_FILE = Symbol('VERIFIER_WORKER_FILE');

/**
 * Token verification (VOPRF redemption, ARC presentations) and authors'
 * signatures in a worker-thread
 * pool of VERIFY_THREADS threads (the core count by default), like issuance:
 * writes per second scale with cores and reads are not held up behind the
 * curve arithmetic. VERIFY_THREADS=0, or no built worker file (Jest runs
 * sources), verifies in-process with the same function.
 */
@Injectable()
export class TokenVerifier implements OnModuleDestroy {
  private readonly pool: CryptoPool<VerifyTask, VerifyOutcome>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(VERIFIER_WORKER_FILE) workerFile?: string) {
    const file = workerFile ?? builtWorkerFile(new URL('./verify.worker.js', import.meta.url));
    this.pool = new CryptoPool(TokenVerifier.name, file, config.forum.verifyThreads, verifyTask);
  }

  get pooled(): boolean {
    return this.pool.pooled;
  }

  verify(task: VerifyTask): Promise<VerifyOutcome> {
    return this.pool.run(task);
  }

  /** Throws SIGNATURE_INVALID unless `signature` (base64url, 64 bytes) signs the message under `publicKey`. */
  async authorship(
    publicKey: Uint8Array,
    signature: string,
    operation: SignedOperation,
    fields: readonly SignedField[],
  ): Promise<void> {
    const claim = authorshipClaim(signature, operation, fields);
    const outcome = await this.verify({ kind: 'ed25519', ...claim, publicKey });
    if (!outcome.ok) throw new ForumError(ForumErrorCode.SignatureInvalid);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
