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
import { IssuerKeysDocument, TokenQuotaDocument, type TokenKind as GqlTokenKind } from './operations/generated.js';
import type { TokenKind, WalletStore } from './storage.js';
import { transport, type Transport } from './transport.js';

/** Fetches the public HTTP issuer directory with no credentials at all. */
async function publicDirectory(http: Transport, company: string, kind: TokenKind): Promise<IssuerDirectory> {
  const res = await http.http(`/privacy-pass/${encodeURIComponent(company)}/${kind}/issuer-directory`, {
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
  /** How many tokens to fetch at most (capped by the remaining quota). */
  count?: number;
  batchSize?: number;
  store: WalletStore;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Defaults to the process-wide transport. */
  transport?: Transport;
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
    http.public(IssuerKeysDocument, { company, kind: gqlKind(kind) }),
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
 * Fetches tokens in batches: blind locally, send the batch with the session,
 * verify the batch DLEQ proof, unblind, keep. Returns how many were kept.
 */
export async function fillWallet(opts: FillOptions): Promise<number> {
  const { session, company, kind, store } = opts;
  const http = opts.transport ?? transport();
  const quotas = await tokenQuota(session, http);
  const quota = quotas.find((q) => q.kind === kind);
  const remaining = quota?.remaining ?? 0;
  const total = Math.min(remaining, opts.count ?? remaining);
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
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 10, 128));
  let done = 0;
  while (done < total) {
    if (opts.signal?.aborted) break;
    const n = Math.min(batchSize, total - done);
    const { request, state } = client.createBatchedTokenRequest(check.challenge, check.publicKey, n);
    // The same-origin path of the directory's issuer-request-uri, which takes single and batched requests by
    // Content-Type (batched-tokens draft §5.1); the issuer name's own host is not reachable from every client.
    const res = await http.http(`/privacy-pass/${encodeURIComponent(company)}/${kind}/token-request`, {
      method: 'POST',
      headers: { 'content-type': MEDIA_TYPES.batchedTokenRequest, authorization: `Bearer ${session}` },
      body: request.serialize() as BodyInit,
      signal: opts.signal,
    });
    if (!res.ok) throw await httpError(res);
    const response = BatchedTokenResponse.deserialize(new Uint8Array(await res.arrayBuffer()));
    let tokens: Token[];
    try {
      tokens = client.finalizeBatch(response, state);
    } catch {
      throw new ApiError('PROOF_INVALID', 'DLEQ proof did not verify');
    }
    await store.addTokens(
      tokens.map((t) => ({
        token: base64urlEncode(t.serialize()),
        company,
        kind,
        epoch: quota?.epoch ?? 0,
        keyId: check.keyId,
      })),
    );
    done += n;
    opts.onProgress?.(done, total);
  }
  return done;
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
): Promise<T> {
  const stored = await store.takeToken(company, kind);
  if (!stored) throw new ApiError('NO_TOKENS', 'no token of this kind');
  try {
    return await write(stored.token);
  } catch (e) {
    if (e instanceof ApiError && !TOKEN_SPENT_CODES.has(e.code) && e.code !== 'NETWORK_ERROR') {
      await store.returnToken(stored);
    }
    throw e;
  }
}
