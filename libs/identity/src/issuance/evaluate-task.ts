/**
 * The elliptic-curve half of issuance, as a pure function of plain data so it
 * can run in a worker thread (evaluate.worker.ts) or in-process alike.
 * Requests are already deserialized and checked by the caller; here they are
 * parsed again from bytes because only bytes cross the thread boundary.
 */
import { BatchedTokenRequest, Issuer, TokenRequest } from '@unlinked/privacy-pass';

export interface EvaluateTask {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  maxBatch: number;
  /** 'single': each item is one TokenRequest (RFC 9578 §5.2); 'batch': one BatchTokenRequest (draft §5.2). */
  mode: 'single' | 'batch';
  requests: Uint8Array[];
}

export function evaluateTask(task: EvaluateTask): Uint8Array[] {
  const issuer = new Issuer({ secretKey: task.secretKey, publicKey: task.publicKey }, { maxBatchSize: task.maxBatch });
  if (task.mode === 'batch') {
    return task.requests.map((r) => issuer.evaluateBatch(BatchedTokenRequest.deserialize(r)).serialize());
  }
  return task.requests.map((r) => issuer.evaluate(TokenRequest.deserialize(r)).serialize());
}
