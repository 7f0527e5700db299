/**
 * Authorship without accounts (privacy rule 10). The author's client makes an
 * Ed25519 key pair per thread (and per review); the server keeps only the
 * public key and checks a signature on every authored write.
 *
 * Canonical signed message (all lengths big-endian):
 *
 *   message = "unlinked/authorship/v1" || 0x00 || field[0] || field[1] || ...
 *   field   = uint32 byte_length || UTF-8 bytes
 *
 * field[0] is the operation, then its scope, then the content fields exactly
 * as sent in the request (before the server cleans them):
 *
 *   create-thread  companySlug, board ("" = company board), title, body
 *   create-reply   threadId, quotedReplyId ("" = none), body
 *   create-review  companySlug, then REVIEW_FIELDS in order
 *   edit-thread    threadId, revision, title, body
 *   edit-reply     replyId, revision, body
 *   edit-review    reviewId, revision, then REVIEW_FIELDS in order
 *   delete-thread | delete-reply | delete-review   id
 *
 * Numbers are decimal, booleans "true"/"false", absent optionals "". The
 * revision (starts at 0, +1 per edit) stops an old edit from being replayed.
 * Length prefixes make the encoding injective: no two field lists share bytes.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';

export const SIGNATURE_DOMAIN = 'unlinked/authorship/v1';

export type SignedOperation =
  | 'create-thread'
  | 'create-reply'
  | 'create-review'
  | 'edit-thread'
  | 'edit-reply'
  | 'edit-review'
  | 'delete-thread'
  | 'delete-reply'
  | 'delete-review';

/** Review fields in signing order. */
export const REVIEW_FIELDS = [
  'overall',
  'culture',
  'workLife',
  'seniorManagement',
  'compensation',
  'career',
  'diversity',
  'ceoApproval',
  'recommend',
  'outlook',
  'employment',
  'jobTitle',
  'location',
  'tenure',
  'pros',
  'cons',
  'advice',
] as const;

export type SignedField = string | number | boolean | null | undefined;

const encoder = new TextEncoder();

export function signedMessage(operation: SignedOperation, fields: readonly SignedField[]): Uint8Array {
  const parts = [encoder.encode(SIGNATURE_DOMAIN), Uint8Array.of(0)];
  for (const field of [operation, ...fields]) {
    const bytes = encoder.encode(field === null || field === undefined ? '' : String(field));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    parts.push(length, bytes);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

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

/** Throws SIGNATURE_INVALID unless `signature` (base64url, 64 bytes) signs the message under `publicKey`. */
export function verifyAuthorship(
  publicKey: Uint8Array,
  signature: string,
  operation: SignedOperation,
  fields: readonly SignedField[],
): void {
  const sig = decode(signature, 64, ForumErrorCode.SignatureInvalid);
  let ok = false;
  try {
    ok = ed25519.verify(sig, signedMessage(operation, fields), publicKey);
  } catch {
    ok = false;
  }
  if (!ok) throw new ForumError(ForumErrorCode.SignatureInvalid);
}

/** Client side (and tests): signs an operation with a per-thread secret key. */
export function signAuthorship(
  secretKey: Uint8Array,
  operation: SignedOperation,
  fields: readonly SignedField[],
): string {
  return Buffer.from(ed25519.sign(signedMessage(operation, fields), secretKey)).toString('base64url');
}
