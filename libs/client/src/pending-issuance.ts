/**
 * Recoverable issuance (issue 13): a token request is kept in the client's storage, with its blinding state and an
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header), before it is sent. If the page closes or the
 * connection drops before its tokens are kept, the next start sends the same bytes with the same key; the issuer
 * answers them again without charging twice (identity docs, "Recoverable issuance"), and the kept state finalizes
 * the answer into the same tokens. Pure conversions here; sending is wallet.ts.
 */
import {
  BatchedTokenRequest,
  base64urlDecode,
  base64urlEncode,
  type BatchedTokenRequestState,
  type TokenRequestState,
} from '@unlinked/privacy-pass';
import { ApiError } from './errors.js';
import type { PendingIssuance, PendingRequest, WalletStore } from './storage.js';

const ITEM_FIELDS = ['nonce', 'challengeDigest', 'tokenKeyId', 'tokenInput', 'blind', 'blindedElement'] as const;

/** A fresh Idempotency-Key: 128 random bits, base64url. */
export function idempotencyKey(): string {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/** The record to keep before sending `request` (whose blinding state is `state`). */
export function pendingIssuance(
  fields: Omit<PendingIssuance, 'id' | 'request' | 'state'>,
  request: BatchedTokenRequest,
  state: BatchedTokenRequestState,
  id: string = idempotencyKey(),
): PendingIssuance {
  return {
    id,
    ...fields,
    request: base64urlEncode(request.serialize()),
    state: {
      publicKey: base64urlEncode(state.publicKey),
      items: state.items.map(
        (item) =>
          Object.fromEntries(
            ITEM_FIELDS.map((f) => [f, base64urlEncode(item[f])]),
          ) as PendingIssuance['state']['items'][number],
      ),
    },
  };
}

/** The request bytes and blinding state of a kept record (throws on a damaged one). */
export function pendingRequest(pending: PendingIssuance): { body: Uint8Array; state: BatchedTokenRequestState } {
  let body: Uint8Array;
  let publicKey: Uint8Array;
  try {
    body = base64urlDecode(pending.request, 'request');
    // Parsed to reject a damaged record before it is sent.
    BatchedTokenRequest.deserialize(body);
    publicKey = base64urlDecode(pending.state.publicKey, 'publicKey');
  } catch {
    throw new ApiError('MALFORMED_TOKEN_REQUEST', 'a kept token request is damaged');
  }
  return {
    body,
    state: {
      publicKey,
      // Every item is under the one key of the batch (kept once).
      items: pending.state.items.map((item) => ({
        ...(Object.fromEntries(ITEM_FIELDS.map((f) => [f, base64urlDecode(item[f], f)])) as Omit<
          TokenRequestState,
          'publicKey'
        >),
        publicKey,
      })),
    },
  };
}

/** Codes after which the issuer will not answer a kept request again: it is forgotten (what it asked for is lost). */
const UNANSWERABLE = new Set([
  'IDEMPOTENCY_KEY_REUSED',
  'MALFORMED_IDEMPOTENCY_KEY',
  'MALFORMED_TOKEN_REQUEST',
  'TOKEN_QUOTA_EXCEEDED',
  'CREDENTIAL_ALREADY_ISSUED',
  'PROOF_INVALID',
  'WRONG_COMPANY',
  'VERIFICATION_EXPIRED',
]);

/** How often a kept request is sent again while the issuer is still answering its first sending (409). */
const IN_PROGRESS_TRIES = 5;

/**
 * Sends each kept request again with `send` (which keeps what it brings and forgets the request); one the issuer
 * will never answer is forgotten; one it is still answering (ISSUANCE_IN_PROGRESS) is sent again shortly. Any other
 * failure (the network) stops here and keeps the rest for the next start. Returns the sum of what `send` returned.
 */
export async function finishKept<P extends PendingRequest>(
  kept: readonly P[],
  store: Pick<WalletStore, 'removePendingRequest'>,
  send: (pending: P) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const pending of kept) {
    for (let attempt = 1; ; attempt++) {
      try {
        total += await send(pending);
        break;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 'ISSUANCE_IN_PROGRESS' && attempt < IN_PROGRESS_TRIES) {
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
          continue;
        }
        if (!UNANSWERABLE.has(e.code)) throw e;
        await store.removePendingRequest(pending.id);
        // An answer that does not verify is the issuer's fault, not the request's: say so.
        if (e.code === 'PROOF_INVALID') throw e;
        break;
      }
    }
  }
  return total;
}
