/**
 * Filling the wallet (RFC 9578 issuance, batched-tokens draft §5) and spending
 * from it. Framework-free: the web app stores tokens in IndexedDB, the CLI in a
 * 0600 file, both through WalletStore (storage.ts).
 *
 * Rule 8 (one key for everyone): before a token is kept, the key it was issued
 * under must equal the current key of the company's public issuer directory,
 * fetched over plain HTTP without a session (the same bytes every requester
 * gets), and the DLEQ proof must verify (Client.finalizeBatch).
 */
import {
  BatchedTokenResponse,
  Client,
  IssuerDirectory,
  MEDIA_TYPES,
  Token,
  TokenChallenge,
  TOKEN_TYPE_VOPRF,
  base64urlDecode,
  base64urlEncode,
  constantTimeEqual,
} from '@unlinked/privacy-pass';
import { ApiError } from './errors.js';
import { finishKept, pendingIssuance, pendingRequest } from './pending-issuance.js';
import { IssuerKeysDocument, TokenQuotaDocument, type TokenKind as GqlTokenKind } from './operations/generated.js';
import {
  chooseToken,
  earliestMaturity,
  maturityAt,
  refillAt,
  secureRandom,
  type Random,
  type TimingPolicy,
} from './schedule.js';
import type { PendingIssuance, TokenKind, WalletStore } from './storage.js';
import { transport, type Transport } from './transport.js';

/** Fetches the issuer's public HTTP directory (at the identity service) with no credentials at all. */
async function publicDirectory(http: Transport, company: string, kind: TokenKind): Promise<IssuerDirectory> {
  const res = await http.issuer(`/privacy-pass/${encodeURIComponent(company)}/${kind}/issuer-directory`, {
    referrerPolicy: 'no-referrer',
  });
  if (!res.ok) throw await httpError(res);
  return IssuerDirectory.deserialize(await res.text());
}

async function httpError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    return new ApiError(body.code ?? 'SERVER_ERROR', body.message ?? `HTTP ${res.status}`);
  } catch {
    return new ApiError(res.status === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR', `HTTP ${res.status}`);
  }
}

export interface FillOptions {
  session: string;
  company: string;
  kind: TokenKind;
  batchSize?: number;
  store: WalletStore;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Defaults to the process-wide transport. */
  transport?: Transport;
  /** The maturity delay and refill window (schedule.ts); defaults to DEFAULT_TIMING. */
  timing?: TimingPolicy;
  random?: Random;
  now?: () => Date;
}

/** GraphQL spells the kinds as enum names (Post); HTTP paths and storage use lower case. */
export function gqlKind(kind: TokenKind): GqlTokenKind {
  return (kind[0].toUpperCase() + kind.slice(1)) as GqlTokenKind;
}

export interface Quota {
  kind: TokenKind;
  epoch: number;
  issued: number;
  quota: number;
  remaining: number;
  resetsAt: string;
}

export async function tokenQuota(session: string, http: Transport = transport()): Promise<Quota[]> {
  const { tokenQuota } = await http.identity(TokenQuotaDocument, {}, { session });
  return tokenQuota.map((q) => ({ ...q, kind: q.kind.toLowerCase() as TokenKind }));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * Checks the key a client is about to use against the public directory.
 * Returns the key (bytes) on success; throws KEY_MISMATCH otherwise.
 */
export async function checkedIssuerKey(
  company: string,
  kind: TokenKind,
  http: Transport = transport(),
): Promise<{ publicKey: Uint8Array; challenge: Uint8Array; keyId: string }> {
  const [{ issuerKeys }, directory] = await Promise.all([
    http.identity(IssuerKeysDocument, { company, kind: gqlKind(kind) }),
    publicDirectory(http, company, kind),
  ]);
  const served = issuerKeys.tokenKeys.find((k) => k.tokenType === TOKEN_TYPE_VOPRF);
  const published = directory.currentKey(TOKEN_TYPE_VOPRF);
  if (!served || !published) throw new ApiError('KEY_MISMATCH', 'no token key');
  const publicKey = base64urlDecode(served.tokenKey);
  // The GraphQL answer and the HTTP directory must name the same key, and the
  // directory text itself must be the one served over HTTP.
  const sameDirectory = IssuerDirectory.deserialize(issuerKeys.directory).currentKey(TOKEN_TYPE_VOPRF);
  if (
    !constantTimeEqual(publicKey, published.tokenKey) ||
    !sameDirectory ||
    !constantTimeEqual(sameDirectory.tokenKey, published.tokenKey)
  ) {
    throw new ApiError('KEY_MISMATCH', 'issuer key does not match the public directory');
  }
  // The challenge must name this directory's issuer (RFC 9578 §4: the directory lives at the issuer name's host, and
  // its issuer-request-uri there): tokens minted for another issuer name would not redeem here.
  const challenge = base64urlDecode(issuerKeys.challenge);
  if (TokenChallenge.deserialize(challenge).issuerName !== hostOf(directory.issuerRequestUri)) {
    throw new ApiError('KEY_MISMATCH', 'the challenge names another issuer than the public directory');
  }
  return { publicKey, challenge, keyId: served.tokenKeyId };
}

/**
 * Fetches the whole remaining quota in batches (never a few tokens right before a write: RFC 9576 §6.3): blind
 * locally, send the batch with the session, verify the batch DLEQ proof, unblind, keep. Every token of this fill
 * matures at one random moment (schedule.ts). Returns how many were kept.
 */
export async function fillWallet(opts: FillOptions): Promise<number> {
  const http = opts.transport ?? transport();
  const resumed = await resumeIssuance(opts);
  return (
    resumed +
    (await fillUpTo(
      opts,
      (await tokenQuota(opts.session, http)).find((q) => q.kind === opts.kind),
    ))
  );
}

/**
 * Finishes the token requests a stopped fill left behind (a reload, a closed page, a lost connection: issue 13), each
 * sent again with its Idempotency-Key: the issuer answers it again and charges nothing more. Runs before every fill.
 * Returns how many tokens they brought.
 */
export async function resumeIssuance(
  opts: Pick<
    FillOptions,
    'session' | 'company' | 'kind' | 'store' | 'transport' | 'signal' | 'timing' | 'random' | 'now'
  >,
): Promise<number> {
  const http = opts.transport ?? transport();
  // The answer arrives now: its tokens mature no sooner than a fresh fill's would (rule 5), nor than planned.
  const fresh = maturityAt(opts.now?.() ?? new Date(), opts.timing, opts.random).toISOString();
  const kept = (await opts.store.listPendingRequests()).filter(
    (p): p is PendingIssuance => !('arc' in p) && p.company === opts.company && p.kind === opts.kind,
  );
  return finishKept(kept, opts.store, (pending) => {
    const matureAt = fresh > pending.matureAt ? fresh : pending.matureAt;
    return sendPending(http, opts.session, { ...pending, matureAt }, opts.store, opts.signal);
  });
}

/**
 * Sends a kept request (again: the same bytes and Idempotency-Key), verifies the batch DLEQ proof, unblinds, and
 * keeps the tokens while forgetting the request. Returns how many tokens it brought.
 */
async function sendPending(
  http: Transport,
  session: string,
  pending: PendingIssuance,
  store: WalletStore,
  signal?: AbortSignal,
): Promise<number> {
  const { body, state } = pendingRequest(pending);
  // The same-origin path of the directory's issuer-request-uri, which takes single and batched requests by
  // Content-Type (batched-tokens draft §5.1); the issuer name's own host is not reachable from every client.
  const res = await http.issuer(`/privacy-pass/${encodeURIComponent(pending.company)}/${pending.kind}/token-request`, {
    method: 'POST',
    headers: {
      'content-type': MEDIA_TYPES.batchedTokenRequest,
      authorization: `Bearer ${session}`,
      'idempotency-key': pending.id,
    },
    body: body as BodyInit,
    signal,
  });
  if (!res.ok) throw await httpError(res);
  const response = BatchedTokenResponse.deserialize(new Uint8Array(await res.arrayBuffer()));
  let tokens: Token[];
  try {
    tokens = new Client().finalizeBatch(response, state);
  } catch {
    throw new ApiError('PROOF_INVALID', 'DLEQ proof did not verify');
  }
  const { company, kind, epoch, keyId, matureAt } = pending;
  await store.finishIssuance(
    pending.id,
    tokens.map((t) => ({ token: base64urlEncode(t.serialize()), company, kind, epoch, keyId, matureAt })),
  );
  return tokens.length;
}

async function fillUpTo(opts: FillOptions, quota: Quota | undefined): Promise<number> {
  const { session, company, kind, store } = opts;
  const http = opts.transport ?? transport();
  const total = quota?.remaining ?? 0;
  opts.onProgress?.(0, total);
  if (total === 0) return 0;
  let check: Awaited<ReturnType<typeof checkedIssuerKey>>;
  try {
    check = await checkedIssuerKey(company, kind, http);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'KEY_MISMATCH') {
      await store.putKeyCheck({ company, kind, ok: false, keyId: '', checkedAt: new Date().toISOString() });
    }
    throw e;
  }
  await store.putKeyCheck({ company, kind, ok: true, keyId: check.keyId, checkedAt: new Date().toISOString() });
  const client = new Client();
  const matureAt = maturityAt(opts.now?.() ?? new Date(), opts.timing, opts.random).toISOString();
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 10, 128));
  let done = 0;
  while (done < total) {
    if (opts.signal?.aborted) break;
    const n = Math.min(batchSize, total - done);
    const { request, state } = client.createBatchedTokenRequest(check.challenge, check.publicKey, n);
    // Kept before it is sent: a stop from here on costs nothing, the next start finishes it (resumeIssuance).
    const pending = pendingIssuance(
      { company, kind, epoch: quota?.epoch ?? 0, keyId: check.keyId, matureAt },
      request,
      state,
    );
    await store.putPendingRequest(pending);
    await sendPending(http, session, pending, store, opts.signal);
    done += n;
    opts.onProgress?.(done, total);
  }
  return done;
}

/**
 * The scheduled refill (web app, on every start and at the planned moment): the first fill of a wallet runs at
 * once (at verification); later ones at a random moment of the refill window after the quota period starts
 * (schedule.ts refillAt), whenever the client happens to run at or after it; `force` (the user's own "fill now")
 * fills at once. Either way the whole remaining quota comes, and matures before it is spent. Returns what was fetched and the next
 * planned refill, so the caller can wait for it.
 */
export async function refillWhenDue(opts: FillOptions & { force?: boolean }): Promise<{ fetched: number; next: Date }> {
  const now = opts.now?.() ?? new Date();
  // A request a stopped fill left behind is finished at once, whenever the next refill is planned.
  const resumed = await resumeIssuance(opts);
  const planned = await opts.store.getNextRefill(opts.company);
  if (!opts.force && planned && Date.parse(planned) > now.getTime()) {
    return { fetched: resumed, next: new Date(planned) };
  }
  const quota = (await tokenQuota(opts.session, opts.transport ?? transport())).find((q) => q.kind === opts.kind);
  const fetched = resumed + (await fillUpTo(opts, quota));
  const next = refillAt(new Date(quota?.resetsAt ?? now.getTime() + 86_400_000), opts.timing, opts.random);
  await opts.store.putNextRefill(opts.company, next.toISOString());
  return { fetched, next };
}

/** A write that finds tokens or a credential, none of them mature yet: when it can be sent (the client's clock). */
export function notMature(items: readonly { matureAt?: string }[]): ApiError {
  const at = earliestMaturity(items)!.toISOString();
  return new ApiError('NOT_MATURE', `nothing spendable before ${at}: the write can be sent from then`, {
    availableAt: at,
  });
}

/** Error codes after which a token must not be reused. */
export const TOKEN_SPENT_CODES = new Set(['TOKEN_ALREADY_USED', 'TOKEN_INVALID', 'TOKEN_MALFORMED']);

/**
 * Spends one token on an anonymous write. A token that the server refused as
 * used or invalid is dropped; one whose request never got an answer is kept
 * out too (it may have been spent). A validation error from the server means
 * nothing was written and the token was not spent (rule: lose nothing), so it
 * goes back into the wallet.
 */
export async function withToken<T>(
  store: WalletStore,
  company: string,
  kind: TokenKind,
  write: (token: string) => Promise<T>,
  opts: { now?: Date; random?: Random } = {},
): Promise<T> {
  const now = opts.now ?? new Date();
  const stored = await store.takeToken(company, kind, (tokens) =>
    chooseToken(tokens, now, opts.random ?? secureRandom),
  );
  if (!stored) {
    // Never fetch-and-spend: tokens that are not mature yet only say when the write can go.
    const held = (await store.listTokens()).filter((t) => t.company === company && t.kind === kind);
    throw held.length > 0 ? notMature(held) : new ApiError('NO_TOKENS', 'no token of this kind');
  }
  try {
    return await write(stored.token);
  } catch (e) {
    if (e instanceof ApiError && !TOKEN_SPENT_CODES.has(e.code) && e.code !== 'NETWORK_ERROR') {
      await store.returnToken(stored);
    }
    throw e;
  }
}
