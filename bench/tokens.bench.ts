/**
 * Privacy Pass token throughput: @unlinked/privacy-pass vs raw @noble/curves
 * p384_oprf doing the same cryptographic work, in the same process.
 *
 *   npm run bench:tokens            (BENCH_SCALE=2 doubles the timed iterations)
 *
 * Library side includes what a server really does: deserialize + validate the
 * wire bytes, evaluate, serialize. Raw side is noble alone on the same inputs.
 * Ratio = library rate / raw rate (goal >= 0.9). Single-threaded: "per core".
 */
import { p384_oprf } from '@noble/curves/nist.js';
import {
  BatchedTokenRequest,
  BatchedTokenResponse,
  Client,
  Issuer,
  Origin,
  Token,
  TokenChallenge,
  TokenRequest,
  TokenResponse,
  constantTimeEqual,
  deriveTokenKeyPair,
} from '../libs/privacy-pass/src/index.js';

const voprf = p384_oprf.voprf as typeof p384_oprf.voprf & { evaluate(sk: Uint8Array, input: Uint8Array): Uint8Array };
const BATCHES = [1, 10, 32, 100];
/** Timed call pairs per batch size: bounded so the whole run stays around a minute. */
const PAIRS: Record<number, number> = { 1: 30, 10: 12, 32: 6, 100: 4 };
const VERIFY_PAIRS = 60;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

const key = deriveTokenKeyPair(new Uint8Array(32).fill(1), { companyId: 'bench', kind: 'post', epoch: 1 });
const challenge = new TokenChallenge({ issuerName: 'issuer.bench.example', originInfo: ['bench.example'] });
const challengeBytes = challenge.serialize();
const client = new Client();
const issuer = new Issuer(key, { maxBatchSize: 128 });
const origin = new Origin();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `pairs` library calls and `pairs` raw calls, alternating which goes
 * first, and returns calls/s from the median call time of each. Alternating
 * and medians keep load spikes from other processes out of the ratio.
 */
function compare(lib: () => void, raw: () => void, pairs: number): { lib: number; raw: number } {
  lib();
  raw(); // warm up JIT and noble's precomputes
  const tl: number[] = [];
  const tr: number[] = [];
  const time = (f: () => void, into: number[]) => {
    const t0 = performance.now();
    f();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < Math.max(3, Math.round(pairs * SCALE)); i++) {
    if (i % 2 === 0) {
      time(lib, tl);
      time(raw, tr);
    } else {
      time(raw, tr);
      time(lib, tl);
    }
  }
  return { lib: 1000 / median(tl), raw: 1000 / median(tr) };
}

type Row = { op: string; batch: number; lib: number; raw: number };
const rows: Row[] = [];

for (const B of BATCHES) {
  const { request, state } = client.createBatchedTokenRequest(challenge, key.publicKey, B);
  const reqBytes =
    B === 1
      ? new TokenRequest(request.truncatedTokenKeyId, request.blindedElements[0]).serialize()
      : request.serialize();
  const blinded = [...request.blindedElements];

  // Issuance: tokens/s per core.
  const pairs = PAIRS[B];
  const iss = compare(
    B === 1
      ? () => void issuer.evaluate(TokenRequest.deserialize(reqBytes)).serialize()
      : () => void issuer.evaluateBatch(BatchedTokenRequest.deserialize(reqBytes)).serialize(),
    B === 1
      ? () => void voprf.blindEvaluate(key.secretKey, key.publicKey, blinded[0])
      : () => void voprf.blindEvaluateBatch(key.secretKey, key.publicKey, blinded),
    pairs,
  );
  rows.push({ op: 'issue', batch: B, lib: iss.lib * B, raw: iss.raw * B });

  // Client finalize (verify batch DLEQ proof + unblind): tokens/s.
  const res = issuer.evaluateBatch(request);
  const resBytes = res.serialize();
  const single = B === 1 ? { req: client.createTokenRequest(challenge, key.publicKey) } : undefined;
  const singleResBytes = single ? issuer.evaluate(single.req.request).serialize() : undefined;
  const items = state.items.map((s, i) => ({
    input: s.tokenInput,
    blind: s.blind,
    evaluated: res.evaluatedElements[i],
    blinded: s.blindedElement,
  }));
  const fin = compare(
    single
      ? () => void client.finalize(TokenResponse.deserialize(singleResBytes!), single.req.state)
      : () => void client.finalizeBatch(BatchedTokenResponse.deserialize(resBytes), state),
    single
      ? () => {
          const s = single.req.state;
          const r = TokenResponse.deserialize(singleResBytes!);
          void voprf.finalize(s.tokenInput, s.blind, r.evaluateMsg, s.blindedElement, s.publicKey, r.evaluateProof);
        }
      : () => void voprf.finalizeBatch(items, key.publicKey, res.evaluatedProof),
    pairs,
  );
  rows.push({ op: 'finalize', batch: B, lib: fin.lib * B, raw: fin.raw * B });

  // Redemption: verifications/s (one token at a time, as an Origin sees them).
  const tokens = client.finalizeBatch(res, state).map((t) => t.serialize());
  let i = 0;
  let j = 0;
  const ver = compare(
    () => void origin.verify(Token.deserialize(tokens[i++ % tokens.length]), challengeBytes, [key]),
    () => {
      const t = tokens[j++ % tokens.length];
      if (!constantTimeEqual(voprf.evaluate(key.secretKey, t.subarray(0, 98)), t.subarray(98))) throw new Error('bad');
    },
    VERIFY_PAIRS,
  );
  rows.push({ op: 'verify', batch: B, lib: ver.lib, raw: ver.raw });
}

function loadAvg(): string {
  const os = (
    globalThis as { process?: { getBuiltinModule?: (m: string) => { loadavg(): number[] } } }
  ).process?.getBuiltinModule?.('os');
  return os
    ? os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')
    : 'n/a';
}

const unit: Record<string, string> = { issue: 'tokens/s/core', finalize: 'tokens/s', verify: 'verifications/s' };
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`Privacy Pass type 0x0001 (VOPRF P-384), median per call, node ${process.version}, load avg ${loadAvg()}`);
console.log(
  `${'operation'.padEnd(10)} ${pad('batch', 5)} ${pad('library', 10)} ${pad('raw noble', 10)} ${pad('ratio', 6)}  unit`,
);
for (const r of rows) {
  const ratio = r.lib / r.raw;
  console.log(
    `${r.op.padEnd(10)} ${pad(r.batch, 5)} ${pad(r.lib.toFixed(1), 10)} ${pad(r.raw.toFixed(1), 10)} ${pad(ratio.toFixed(2), 6)}  ${unit[r.op]}${ratio < 0.9 ? '  (below 0.9 goal)' : ''}`,
  );
}
