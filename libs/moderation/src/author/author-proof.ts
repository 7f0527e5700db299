import { ed25519 } from '@noble/curves/ed25519.js';
import { MODERATION_SIGNATURE_DOMAIN, signedMessage, type ModerationOperation } from '@unlinked/authorship';
import { ModerationError, ModerationErrorCode } from '../moderation.errors.js';

/**
 * Proof that the caller holds a content's author key (privacy rule 10: the
 * server has only the public key). The signed message uses its own domain,
 * so a signature made for a forum write can never pass here, or back:
 *
 * The message is `libs/authorship`'s canonical encoding under
 * MODERATION_SIGNATURE_DOMAIN (fields listed there).
 *
 * A status proof is accepted within PROOF_MAX_AGE_SECONDS of issuedAt (it
 * reveals nothing a replay could abuse beyond the status itself); an appeal
 * can be made once, so it needs no freshness.
 */
export const PROOF_MAX_AGE_SECONDS = 300;

export function moderationMessage(operation: ModerationOperation, fields: readonly string[]): Uint8Array {
  return signedMessage(operation, fields, MODERATION_SIGNATURE_DOMAIN);
}

/** Throws AUTHOR_SIGNATURE_INVALID unless `signature` (base64url, 64 bytes) signs the message under `publicKey`. */
export function verifyModerationProof(
  publicKey: Uint8Array,
  signature: string,
  operation: ModerationOperation,
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
