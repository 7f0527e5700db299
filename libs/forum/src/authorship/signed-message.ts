/**
 * Authorship without accounts (privacy rule 10). The author's client makes an
 * Ed25519 key pair per thread (and per review); the server keeps only the
 * public key and checks a signature on every authored write. The signed bytes
 * are `libs/authorship`'s canonical message, the same code the clients run.
 * The revision in edits (starts at 0, +1 per edit) stops an old edit from
 * being replayed.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { REVIEW_FIELDS, signedMessage, type SignedField, type SignedOperation } from '@unlinked/authorship';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { ed25519Verifies } from '../redemption/verify-task.js';

export { signedMessage } from '@unlinked/authorship';
export type { SignedField, SignedOperation } from '@unlinked/authorship';

export function reviewFields(review: Partial<Record<(typeof REVIEW_FIELDS)[number], SignedField>>): SignedField[] {
  return REVIEW_FIELDS.map((f) => review[f]);
}

function decode(value: string, length: number, code: ForumErrorCode): Uint8Array {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) throw new ForumError(code);
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.length !== length) throw new ForumError(code);
  return new Uint8Array(bytes);
}

/** A base64url Ed25519 public key that is a valid curve point. */
export function parseAuthorKey(value: string): Uint8Array {
  const key = decode(value, 32, ForumErrorCode.AuthorKeyInvalid);
  try {
    ed25519.Point.fromBytes(key);
  } catch {
    throw new ForumError(ForumErrorCode.AuthorKeyInvalid);
  }
  return key;
}

/** What an authorship check verifies: the decoded signature (SIGNATURE_INVALID unless 64 base64url bytes) and message. */
export function authorshipClaim(
  signature: string,
  operation: SignedOperation,
  fields: readonly SignedField[],
): { signature: Uint8Array; message: Uint8Array } {
  return {
    signature: decode(signature, 64, ForumErrorCode.SignatureInvalid),
    message: signedMessage(operation, fields),
  };
}

/** Throws SIGNATURE_INVALID unless `signature` (base64url, 64 bytes) signs the message under `publicKey`. */
export function verifyAuthorship(
  publicKey: Uint8Array,
  signature: string,
  operation: SignedOperation,
  fields: readonly SignedField[],
): void {
  const claim = authorshipClaim(signature, operation, fields);
  if (!ed25519Verifies(claim.signature, claim.message, publicKey))
    throw new ForumError(ForumErrorCode.SignatureInvalid);
}

/** Client side (and tests): signs an operation with a per-thread secret key. */
export function signAuthorship(
  secretKey: Uint8Array,
  operation: SignedOperation,
  fields: readonly SignedField[],
): string {
  return Buffer.from(ed25519.sign(signedMessage(operation, fields), secretKey)).toString('base64url');
}
