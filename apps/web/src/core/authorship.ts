/**
 * Authorship without accounts (privacy rule 10): the client makes an Ed25519
 * key pair per thread and per review; the server keeps only the public key and
 * checks a signature on each authored write. The canonical message mirrors
 * apps/api/src/forum/authorship/signed-message.ts:
 *
 *   message = "unlinked/authorship/v1" || 0x00 || field[0] || field[1] || ...
 *   field   = uint32 big-endian byte_length || UTF-8 bytes
 *
 * Numbers decimal, booleans "true"/"false", absent optionals "".
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlEncode } from '@unlinked/privacy-pass';

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

export type SignedField = string | number | boolean | null | undefined;

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

const encoder = new TextEncoder();

export function signedMessage(
  operation: SignedOperation | ModerationOperation,
  fields: readonly SignedField[],
  domain: string = SIGNATURE_DOMAIN,
): Uint8Array {
  const parts = [encoder.encode(domain), Uint8Array.of(0)];
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

/**
 * GraphQL enum names → the values the server stores and signs
 * (apps/api/src/forum/models/forum-enums.ts): the signature covers those.
 */
const SIGNED_ENUM_VALUES: Record<string, Record<string, string>> = {
  ceoApproval: { Approve: 'approve', NoOpinion: 'no_opinion', Disapprove: 'disapprove' },
  outlook: { Positive: 'positive', Neutral: 'neutral', Negative: 'negative' },
  employment: { Current: 'current', Former: 'former' },
  tenure: {
    LessThanOneYear: 'lt1',
    OneToThreeYears: '1to3',
    ThreeToFiveYears: '3to5',
    FiveToTenYears: '5to10',
    MoreThanTenYears: 'gt10',
  },
};

/** Review fields in signing order, enums as the server signs them. */
export function reviewFields(review: Partial<Record<(typeof REVIEW_FIELDS)[number], SignedField>>): SignedField[] {
  return REVIEW_FIELDS.map((f) => {
    const v = review[f];
    const map = SIGNED_ENUM_VALUES[f];
    return map && typeof v === 'string' ? (map[v] ?? v) : v;
  });
}

export interface AuthorKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function newAuthorKey(): AuthorKey {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/** base64url without padding, as the API's examples send keys and signatures. */
export function b64u(bytes: Uint8Array): string {
  return base64urlEncode(bytes).replace(/=+$/, '');
}

export function sign(secretKey: Uint8Array, operation: SignedOperation, fields: readonly SignedField[]): string {
  return b64u(ed25519.sign(signedMessage(operation, fields), secretKey));
}

/**
 * Moderation proofs (apps/api/src/moderation/author/author-proof.ts) use their
 * own domain, so a forum signature can never pass there:
 *   moderation-status  contentType, contentId, issuedAt
 *   appeal             contentType, contentId, statement
 * contentType is the lower-case kind ("thread", "reply", "review").
 */
export const MODERATION_SIGNATURE_DOMAIN = 'unlinked/moderation/v1';
export type ModerationOperation = 'moderation-status' | 'appeal';

export function signModeration(
  secretKey: Uint8Array,
  operation: ModerationOperation,
  fields: readonly string[],
): string {
  return b64u(ed25519.sign(signedMessage(operation, fields, MODERATION_SIGNATURE_DOMAIN), secretKey));
}
