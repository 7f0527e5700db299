import { ed25519 } from '@noble/curves/ed25519.js';
import { ModerationError, ModerationErrorCode } from '../moderation.errors.js';

/**
 * Proof that the caller holds a content's author key (privacy rule 10: the
 * server has only the public key). The signed message uses its own domain,
 * so a signature made for a forum write can never pass here, or back:
 *
 *   message = "unlinked/moderation/v1" || 0x00 || field[0] || field[1] || ...
 *   field   = uint32 big-endian byte length || UTF-8 bytes
 *
 *   moderation-status  contentType, contentId, issuedAt (Unix seconds, decimal)
 *   appeal             contentType, contentId, statement
 *
 * A status proof is accepted within PROOF_MAX_AGE_SECONDS of issuedAt (it
 * reveals nothing a replay could abuse beyond the status itself); an appeal
 * can be made once, so it needs no freshness.
 */
export const MODERATION_SIGNATURE_DOMAIN = 'unlinked/moderation/v1';
export const PROOF_MAX_AGE_SECONDS = 300;

export type ModerationSignedOperation = 'moderation-status' | 'appeal';

const encoder = new TextEncoder();

export function moderationMessage(operation: ModerationSignedOperation, fields: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(MODERATION_SIGNATURE_DOMAIN), Uint8Array.of(0)];
  for (const field of [operation, ...fields]) {
    const bytes = encoder.encode(field);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    parts.push(length, bytes);
  }
  return Uint8Array.from(Buffer.concat(parts));
}

/** Throws AUTHOR_SIGNATURE_INVALID unless `signature` (base64url, 64 bytes) signs the message under `publicKey`. */
export function verifyModerationProof(
  publicKey: Uint8Array,
  signature: string,
  operation: ModerationSignedOperation,
  fields: readonly string[],
): void {
  const bytes = /^[A-Za-z0-9_-]+={0,2}$/.test(signature) ? Buffer.from(signature, 'base64url') : Buffer.alloc(0);
  let ok = false;
  if (bytes.length === 64) {
    try {
      ok = ed25519.verify(Uint8Array.from(bytes), moderationMessage(operation, fields), publicKey);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new ModerationError(ModerationErrorCode.AuthorSignatureInvalid);
}

export function assertFresh(issuedAt: number, now = Date.now()): void {
  if (Math.abs(now / 1000 - issuedAt) > PROOF_MAX_AGE_SECONDS) {
    throw new ModerationError(ModerationErrorCode.SignatureExpired);
  }
}
