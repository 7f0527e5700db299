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
import type { PendingIssuance } from './storage.js';

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
  const body = base64urlDecode(pending.request, 'request');
  // Parsed to reject a damaged record before it is sent.
  BatchedTokenRequest.deserialize(body);
  const publicKey = base64urlDecode(pending.state.publicKey, 'publicKey');
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
