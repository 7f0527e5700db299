/**
 * Authorship without accounts (privacy rule 10): the client makes an Ed25519
 * key pair per thread and per review; the server keeps only the public key and
 * checks a signature on each authored write. The signed bytes come from
 * `libs/authorship`, the same encoder the server verifies against.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  MODERATION_SIGNATURE_DOMAIN,
  REVIEW_FIELDS,
  SALARY_FIELDS,
  signedMessage,
  type ModerationOperation,
  type SignedField,
  type SignedOperation,
} from '@unlinked/authorship';
import { base64urlEncode } from '@unlinked/privacy-pass';

export { signedMessage } from '@unlinked/authorship';
export type { SignedOperation } from '@unlinked/authorship';

/**
 * GraphQL enum names → the values the server stores and signs
 * (libs/forum/src/models/forum-enums.ts): the signature covers those.
 */
const TENURE = {
  LessThanOneYear: 'lt1',
  OneToThreeYears: '1to3',
  ThreeToFiveYears: '3to5',
  FiveToTenYears: '5to10',
  MoreThanTenYears: 'gt10',
};

const SIGNED_ENUM_VALUES: Record<string, Record<string, string>> = {
  ceoApproval: { Approve: 'approve', NoOpinion: 'no_opinion', Disapprove: 'disapprove' },
  outlook: { Positive: 'positive', Neutral: 'neutral', Negative: 'negative' },
  employment: { Current: 'current', Former: 'former' },
  tenure: TENURE,
  experience: TENURE,
  employmentType: { FullTime: 'full_time', PartTime: 'part_time', Contract: 'contract', Intern: 'intern' },
};

function signedValues<F extends string>(fields: readonly F[], values: Partial<Record<F, SignedField>>): SignedField[] {
  return fields.map((f) => {
    const v = values[f];
    const map = SIGNED_ENUM_VALUES[f];
    return map && typeof v === 'string' ? (map[v] ?? v) : v;
  });
}

/** Review fields in signing order, enums as the server signs them. */
export function reviewFields(review: Partial<Record<(typeof REVIEW_FIELDS)[number], SignedField>>): SignedField[] {
  return signedValues(REVIEW_FIELDS, review);
}

/** Salary report fields in signing order, enums as the server signs them. */
export function salaryFields(report: Partial<Record<(typeof SALARY_FIELDS)[number], SignedField>>): SignedField[] {
  return signedValues(SALARY_FIELDS, report);
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

export function signModeration(
  secretKey: Uint8Array,
  operation: ModerationOperation,
  fields: readonly string[],
): string {
  return b64u(ed25519.sign(signedMessage(operation, fields, MODERATION_SIGNATURE_DOMAIN), secretKey));
}
