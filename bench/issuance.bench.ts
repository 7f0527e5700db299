/**
 * npm run bench:issuance — end-to-end Privacy Pass issuance through the HTTP
 * endpoint (batches of 32) against the raw library figure, and the read
 * latency of `companies` with and without concurrent issuance load on the
 * same API process.
 *
 * Runs under tsx (the bench itself is plain TypeScript) and boots the BUILT
 * API (run `npx nest build api` first) as a child process on
 * a fresh PostgreSQL database (TEST_DATABASE_URL or local postgres) and Redis,
 * signs in through the real code flow (development outbox), then measures.
 * Bounded: about a minute.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  BatchedTokenResponse,
  Client,
  deriveTokenKeyPair,
  IssuerDirectory,
  Issuer,
  MEDIA_TYPES,
  TokenChallenge,
  parseWWWAuthenticate,
} from '@unlinked/privacy-pass';
import { sleep, startBuiltApi } from './support/built-api.js';

const BATCH = 32;
const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const READS = Number(process.env.BENCH_READS ?? 400);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rawLibrary(seconds: number): number {
  const key = deriveTokenKeyPair(randomBytes(32), { companyId: 'bench', kind: 'post', epoch: 1 });
  const issuer = new Issuer(key, { maxBatchSize: BATCH });
  const client = new Client();
  const challenge = new TokenChallenge({
    issuerName: 'bench.post.issuer.bench.example',
    originInfo: ['bench.example'],
  });
  const requests = Array.from(
    { length: 8 },
    () => client.createBatchedTokenRequest(challenge, key.publicKey, BATCH).request,
  );
  let tokens = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    issuer.evaluateBatch(requests[tokens % requests.length]);
    tokens += BATCH;
  }
  return tokens / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const built = await startBuiltApi({ POST_TOKEN_QUOTA: '100000', ISSUANCE_MAX_BATCH: String(BATCH) });
  const { base, gql } = built;
  try {
    const session = await built.signIn('bench@tencent.com');
    const auth = { authorization: `Bearer ${session}` };

    const directory = IssuerDirectory.deserialize(
      await (await fetch(`${base}/privacy-pass/tencent/post/issuer-directory`)).text(),
    );
    const publicKey = directory.currentKey()!.tokenKey;
    const [params] = parseWWWAuthenticate(
      (await fetch(`${base}/privacy-pass/tencent/post/challenge`)).headers.get('www-authenticate')!,
    );

    // Client-side blinding happens before the clock starts (it is the client's cost, not the server's).
    const client = new Client();
    const poolSize = 64;
    const prepared = Array.from({ length: poolSize }, () =>
      client.createBatchedTokenRequest(params.challengeBytes, publicKey, BATCH),
    );
    const bodies = prepared.map((p) => Buffer.from(p.request.serialize()));
    const check = await fetch(`${base}/privacy-pass/tencent/post/batch-token-request`, {
      method: 'POST',
      headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
      body: bodies[0],
    });
    const tokens = client.finalizeBatch(
      BatchedTokenResponse.deserialize(new Uint8Array(await check.arrayBuffer())),
      prepared[0].state,
    );
    if (tokens.length !== BATCH) throw new Error('issuance check failed');

    const readOnce = async (): Promise<number> => {
      const t = performance.now();
      const r = await gql(`query { companies(first: 20) { edges { node { slug name verifiedMembers boardOpen } } } }`);
      if (r.errors) throw new Error('read failed');
      return performance.now() - t;
    };
    // At most `n` reads or READ_SECONDS, whichever comes first (bounded even when reads are slow).
    const reads = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      const deadline = performance.now() + READ_SECONDS * 1000;
      for (let i = 0; i < n && performance.now() < deadline; i++) out.push(await readOnce());
      return out.sort((a, b) => a - b);
    };
    for (let i = 0; i < 50; i++) await readOnce(); // warm-up
    const idle = await reads(READS);

    let issued = 0;
    let failed = 0;
    let stop = false;
    const issuer = async (w: number) => {
      for (let i = w; !stop; i += CONCURRENCY) {
        const res = await fetch(`${base}/privacy-pass/tencent/post/batch-token-request`, {
          method: 'POST',
          headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
          body: bodies[i % poolSize],
        });
        await res.arrayBuffer();
        if (res.status === 200) issued += BATCH;
        else failed++;
      }
    };
    const t0 = performance.now();
    const load = Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => issuer(w)));
    await sleep(500);
    const loaded = await reads(READS);
    const remaining = ISSUE_SECONDS * 1000 - (performance.now() - t0);
    if (remaining > 0) await sleep(remaining);
    stop = true;
    await load;
    const seconds = (performance.now() - t0) / 1000;

    const raw = rawLibrary(5);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      JSON.stringify(
        {
          cores: availableParallelism(),
          batch: BATCH,
          concurrency: CONCURRENCY,
          issuanceThreads: process.env.ISSUANCE_THREADS ?? `default (${availableParallelism()})`,
          httpTokensPerSecond: Math.round(issued / seconds),
          httpFailedRequests: failed,
          rawLibraryTokensPerSecondOneThread: Math.round(raw),
          companiesReadMs: {
            idle: { p50: fmt(percentile(idle, 50)), p99: fmt(percentile(idle, 99)), n: idle.length },
            underIssuance: { p50: fmt(percentile(loaded, 50)), p99: fmt(percentile(loaded, 99)), n: loaded.length },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await built.close();
  }
}

await main();
