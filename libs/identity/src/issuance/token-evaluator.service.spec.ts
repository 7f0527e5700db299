import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import { BatchedTokenResponse, Client, Origin, TokenChallenge } from '@unlinked/privacy-pass';
import { build } from 'esbuild';
import { IssuerKeysService, TokenKind } from '@unlinked/platform';
import { TokenEvaluator } from './token-evaluator.service.js';

/**
 * Jest runs TypeScript sources, which a worker thread cannot load; so the
 * worker file is bundled with esbuild, as `nest build` would compile it, and
 * the real piscina pool runs it.
 */
describe('TokenEvaluator worker-thread pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluator-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    ISSUER_MASTER_SEED: '11'.repeat(32),
    EMAIL_PEPPER: '22'.repeat(32),
    SESSION_SECRET: '33'.repeat(32),
    ISSUANCE_THREADS: '2',
  });
  let evaluator: TokenEvaluator;
  const workerFile = join(dir, 'evaluate.worker.mjs');

  beforeAll(async () => {
    await build({
      entryPoints: [join(process.cwd(), 'libs/identity/src/issuance/evaluate.worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: workerFile,
      tsconfig: join(process.cwd(), 'tsconfig.json'),
      logLevel: 'silent',
    });
    evaluator = new TokenEvaluator(config, workerFile);
  });

  afterAll(async () => {
    await evaluator.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates a batch in worker threads; the client finalizes and the origin verifies', async () => {
    expect(evaluator.pooled).toBe(true);
    const keys = new IssuerKeysService(config);
    const key = keys.currentKey('company-x', TokenKind.Post);
    const challenge: TokenChallenge = keys.challengeFor('x', TokenKind.Post);
    const client = new Client();
    const batches = Array.from({ length: 4 }, () => client.createBatchedTokenRequest(challenge, key.publicKey, 8));
    const results = await Promise.all(
      batches.map((b) =>
        evaluator.evaluate({
          secretKey: key.secretKey,
          publicKey: key.publicKey,
          maxBatch: 32,
          mode: 'batch',
          requests: [b.request.serialize()],
        }),
      ),
    );
    const origin = new Origin();
    results.forEach(([bytes], i) => {
      const tokens = client.finalizeBatch(BatchedTokenResponse.deserialize(bytes), batches[i].state);
      for (const t of tokens) origin.verify(t, challenge, [key]);
    });
  });

  it('falls back to in-process evaluation with ISSUANCE_THREADS=0', () => {
    const inline = new TokenEvaluator(loadConfig({ ...configEnv(dir), ISSUANCE_THREADS: '0' }), workerFile);
    expect(inline.pooled).toBe(false);
  });
});

function configEnv(dir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    ISSUER_MASTER_SEED: '11'.repeat(32),
    EMAIL_PEPPER: '22'.repeat(32),
    SESSION_SECRET: '33'.repeat(32),
  };
}
