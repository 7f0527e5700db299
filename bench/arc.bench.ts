/**
 * ARC (ARCV1-P256, libs/arc) throughput beside Privacy Pass VOPRF tokens
 * (libs/privacy-pass, type 0x0001 on P-384), and libs/arc against raw
 * @noble/curves p256 scalar multiplications for the same multiplication count.
 *
 *   npx tsx bench/arc.bench.ts        (BENCH_SCALE=2 doubles the timed iterations)
 *
 * Then, unless BENCH_E2E=0, the end-to-end vote rate through the API: the
 * BUILT API (`npx nest build api`) on a scratch PostgreSQL database, one
 * member's credential obtained through the real HTTP issuance, BENCH_VOTES
 * (300) published threads, one fresh presentation per thread made before the
 * clock starts, sent as GraphQL `vote` mutations by BENCH_VOTE_CONCURRENCY (8)
 * clients; then the same presentations again (all refused as ALREADY_VOTED).
 *
 * Every operation includes what a real peer does: deserialize + validate the
 * wire bytes, compute, serialize. Single-threaded, so figures are per core.
 * Median call time over a bounded number of calls.
 */
import { p256 } from '@noble/curves/nist.js';
import {
  ARC_MEDIA_TYPES,
  ARC_PRESENTATION_LIMIT,
  ArcCredentialResponseMessage,
  arcChallenge,
  arcPresentationState,
  base64urlEncode as arcBase64url,
  createArcCredentialRequest,
  createArcToken,
  parseArcDirectoryKeys,
  Credential,
  CredentialRequest,
  CredentialResponse,
  Presentation,
  PresentationState,
  createCredentialRequest,
  createCredentialResponse,
  deriveServerKeyPair,
  finalizeCredential,
  verifyPresentation,
} from '../libs/arc/src/index.js';
import {
  Client,
  Issuer,
  Origin,
  Token,
  TokenChallenge,
  TokenRequest,
  TokenResponse,
  deriveTokenKeyPair,
} from '../libs/privacy-pass/src/index.js';
import { startBuiltApi } from './support/built-api.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const enc = (s: string) => new TextEncoder().encode(s);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** calls/s from the median of `n` timed calls after two warm-up calls. */
function rate(f: () => void, n: number): number {
  f();
  f();
  const t: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(n * SCALE)); i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return 1000 / median(t);
}

// Raw noble baseline: constant-time multiply of a random scalar by a fixed non-generator point.
const P = p256.Point;
const rawPoint = P.BASE.multiply(0x1234567890abcdefn);
const rawScalars = Array.from(
  { length: 64 },
  (_, i) => (BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc834n) % P.Fn.ORDER,
);
let rawIdx = 0;
const rawMulsPerSec =
  rate(() => {
    for (let i = 0; i < 10; i++) rawPoint.multiply(rawScalars[rawIdx++ % rawScalars.length]);
  }, 20) * 10;

// Scalar multiplications per ARC operation (an MSM term counts as one), from the
// draft's algorithms as implemented; k = number of range-proof bit commitments.
const MULS = {
  issue: 8 + 28 + 27, // client request (4 + 4 proof) + server (6 verify + 8 + 14 proof) + finalize (25 verify + 2)
  // Limit 1 (k = 0, libs/arc limit-1 mode: no range proof): 10 to build the elements + 6 proof commitments to
  // present; 3 for V + 10 to recompute the 4 equations' commitments to verify (hash-to-curve not counted).
  present: (k: number) => (k === 0 ? 16 : 19 + 6 * k),
  verify: (k: number) => (k === 0 ? 13 : 14 + 7 * k),
};

const { privateKey: sk, publicKey: pk } = deriveServerKeyPair(new Uint8Array(32).fill(7));
const requestContext = enc('bench request context');

type Row = { op: string; limit: string; rate: number; unit: string; muls?: number };
const rows: Row[] = [];

const issueOnce = (): Credential => {
  const { request, secrets } = createCredentialRequest(requestContext);
  const reqBytes = request.serialize();
  const resBytes = createCredentialResponse(sk, pk, CredentialRequest.deserialize(reqBytes)).serialize();
  return finalizeCredential(secrets, pk, request, CredentialResponse.deserialize(resBytes));
};
rows.push({
  op: 'ARC issue (req+resp+finalize)',
  limit: '-',
  rate: rate(issueOnce, 15),
  unit: 'credentials/s',
  muls: MULS.issue,
});

const credential = issueOnce();
for (const limit of [1, 2, 100, 1000]) {
  const k = Math.ceil(Math.log2(limit));
  const ctx = enc(`bench presentation context ${limit}`);
  // A fresh state per call would re-validate the limit; a big state keeps nonces fresh.
  let state = new PresentationState(credential, ctx, limit);
  const wires: Uint8Array[] = [];
  rows.push({
    op: 'ARC present',
    limit: String(limit),
    rate: rate(() => {
      if (state.remaining === 0) state = new PresentationState(credential, ctx, limit);
      const w = state.present().presentation.serialize();
      if (wires.length < 16) wires.push(w);
    }, 20),
    unit: 'presentations/s',
    muls: MULS.present(k),
  });
  let i = 0;
  rows.push({
    op: 'ARC verify',
    limit: String(limit),
    rate: rate(() => {
      verifyPresentation(
        sk,
        pk,
        requestContext,
        ctx,
        Presentation.deserialize(wires[i++ % wires.length], limit),
        limit,
      );
    }, 20),
    unit: 'verifications/s',
    muls: MULS.verify(k),
  });
}

// VOPRF (P-384) through libs/privacy-pass, measured as bench/tokens.bench.ts does (batch 1).
const vkey = deriveTokenKeyPair(new Uint8Array(32).fill(1), { companyId: 'bench', kind: 'post', epoch: 1 });
const challenge = new TokenChallenge({ issuerName: 'issuer.bench.example', originInfo: ['bench.example'] });
const challengeBytes = challenge.serialize();
const client = new Client();
const issuer = new Issuer(vkey, { maxBatchSize: 128 });
const origin = new Origin();
rows.push({
  op: 'VOPRF issue (req+eval+finalize)',
  limit: '-',
  rate: rate(() => {
    const { request, state } = client.createTokenRequest(challenge, vkey.publicKey);
    const res = issuer.evaluate(TokenRequest.deserialize(request.serialize())).serialize();
    client.finalize(TokenResponse.deserialize(res), state);
  }, 20),
  unit: 'tokens/s',
});
rows.push({
  op: 'VOPRF issue (server eval only)',
  limit: '-',
  rate: (() => {
    const reqBytes = client.createTokenRequest(challenge, vkey.publicKey).request.serialize();
    return rate(() => void issuer.evaluate(TokenRequest.deserialize(reqBytes)).serialize(), 30);
  })(),
  unit: 'tokens/s',
});
const vtokens = Array.from({ length: 8 }, () => {
  const { request, state } = client.createTokenRequest(challenge, vkey.publicKey);
  return client.finalize(issuer.evaluate(request), state).serialize();
});
let j = 0;
rows.push({
  op: 'VOPRF redeem (verify)',
  limit: '-',
  rate: rate(() => void origin.verify(Token.deserialize(vtokens[j++ % vtokens.length]), challengeBytes, [vkey]), 40),
  unit: 'verifications/s',
});

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

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`ARC (P-256) vs VOPRF (P-384), median per call, one core, node ${process.version}, load avg ${loadAvg()}`);
console.log(`raw noble p256 Point.multiply (constant-time, non-base point): ${rawMulsPerSec.toFixed(0)} mult/s`);
console.log(
  `${'operation'.padEnd(32)} ${pad('limit', 5)} ${pad('ops/s', 9)} ${pad('mults', 5)} ${pad('raw ops/s', 9)} ${pad('ratio', 5)}  unit`,
);
for (const r of rows) {
  const raw = r.muls ? rawMulsPerSec / r.muls : undefined;
  console.log(
    `${r.op.padEnd(32)} ${pad(r.limit, 5)} ${pad(r.rate.toFixed(1), 9)} ${pad(r.muls ?? '-', 5)} ${pad(raw ? raw.toFixed(1) : '-', 9)} ${pad(raw ? (r.rate / raw).toFixed(2) : '-', 5)}  ${r.unit}`,
  );
}
console.log(
  'ratio = library ops/s / (raw mult/s / mults per op); > 1 means fixed-base precomputation and MSMs beat that many plain multiplications.',
);

/** Votes per second through the API (see the file comment). */
async function endToEndVotes(): Promise<void> {
  const votes = Number(process.env.BENCH_VOTES ?? 300);
  const concurrency = Number(process.env.BENCH_VOTE_CONCURRENCY ?? 8);
  // Presentations are made between sign-in and the first vote: keep the client's idle sockets open meanwhile.
  const api = await startBuiltApi({ HTTP_KEEPALIVE_TIMEOUT_MS: '120000' });
  try {
    const session = await api.signIn('bench.votes@tencent.com');
    const dirText = await (await fetch(`${api.base}/privacy-pass/tencent/arc/issuer-directory`)).text();
    const directory = parseArcDirectoryKeys(dirText);
    const issuerName = new URL(directory.issuerRequestUri).host;
    const key = directory.keys[0].publicKey;
    const { message, request, secrets } = createArcCredentialRequest(
      arcChallenge({ issuerName, companySlug: 'tencent', action: null }),
      key,
    );
    const issued = await fetch(`${api.base}/privacy-pass/tencent/arc/credential-request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': ARC_MEDIA_TYPES.credentialRequest },
      body: Buffer.from(message.serialize()),
    });
    if (!issued.ok) throw new Error(`credential request: HTTP ${issued.status}`);
    const response = ArcCredentialResponseMessage.deserialize(new Uint8Array(await issued.arrayBuffer())).response;
    const cred = finalizeCredential(secrets, key, request, response);
    const { rows } = await api.db.query<{ id: string }>(
      `INSERT INTO threads (company_id, title, body, author_key, status, published_seq, created_at, last_activity_at)
       SELECT c.id, 'bench ' || g, 'bench', decode(repeat('00', 32), 'hex'), 'published', nextval('publication_seq'),
              date_trunc('hour', now()), date_trunc('hour', now())
       FROM companies c, generate_series(1, $1) g WHERE c.slug = 'tencent' RETURNING id`,
      [votes],
    );
    // The client's cost (one presentation per item) is paid before the clock starts.
    const bodies = rows.map(({ id }) => {
      const challenge = arcChallenge({ issuerName, companySlug: 'tencent', action: 'vote', subject: `thread:${id}` });
      const state = arcPresentationState(cred, challenge, key, ARC_PRESENTATION_LIMIT);
      const token = arcBase64url(createArcToken(state, challenge.serialize(), key).serialize());
      return JSON.stringify({
        query: 'mutation V($input: VoteInput!, $token: String) { vote(input: $input, token: $token) { score } }',
        variables: { input: { companySlug: 'tencent', targetType: 'Thread', targetId: id, value: 'Up' }, token },
      });
    });
    const round = async (): Promise<{ perSecond: number; codes: Record<string, number> }> => {
      const codes: Record<string, number> = {};
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < bodies.length; i = next++) {
            const res = await fetch(`${api.base}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: bodies[i],
            });
            const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
            const code = json.errors?.[0]?.extensions?.code ?? 'OK';
            codes[code] = (codes[code] ?? 0) + 1;
          }
        }),
      );
      return { perSecond: bodies.length / ((performance.now() - t0) / 1000), codes };
    };
    const accepted = await round();
    const refused = await round();
    console.log(
      `\nend to end through the API (GraphQL vote, ARC verify + spent tag + vote in one transaction, PostgreSQL), ` +
        `${bodies.length} items, ${concurrency} concurrent clients, load avg ${loadAvg()}`,
    );
    console.log(`  accepted votes:  ${accepted.perSecond.toFixed(1)} votes/s   ${JSON.stringify(accepted.codes)}`);
    console.log(`  refused repeats: ${refused.perSecond.toFixed(1)} votes/s   ${JSON.stringify(refused.codes)}`);
  } finally {
    await api.close();
  }
}

if (process.env.BENCH_E2E !== '0') await endToEndVotes();
