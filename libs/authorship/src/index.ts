/**
 * The one canonical encoding of what an author signs (privacy rule 10), shared
 * by the server, the browser and the CLI so they cannot drift. Pure: no I/O,
 * no crypto; callers sign or verify the bytes with Ed25519.
 *
 *   message = domain || 0x00 || field[0] || field[1] || ...
 *   field   = uint32 big-endian byte length || UTF-8 bytes
 *
 * field[0] is the operation. Numbers are decimal, booleans "true"/"false",
 * absent optionals "". Length prefixes make the encoding injective. The two
 * domains keep a forum signature from ever passing as a moderation proof.
 *
 * Forum operations (SIGNATURE_DOMAIN), fields after the operation:
 *   create-thread  companySlug, board ("" = company board), title, body
 *   create-reply   threadId, quotedReplyId ("" = none), body
 *   create-review  companySlug, then REVIEW_FIELDS in order
 *   edit-thread    threadId, revision, title, body
 *   edit-reply     replyId, revision, body
 *   edit-review    reviewId, revision, then REVIEW_FIELDS in order
 *   create-salary  companySlug, then SALARY_FIELDS in order
 *   create-interview  companySlug, candidateCompanySlug, showCompany, then INTERVIEW_FIELDS in order
 *                     (questions: each question as its own field, after a field holding their count)
 *   delete-thread | delete-reply | delete-review | delete-salary | delete-interview   id
 * Moderation proofs (MODERATION_SIGNATURE_DOMAIN):
 *   moderation-status  contentType, contentId, issuedAt (Unix seconds)
 *   appeal             contentType, contentId, statement
 */
export const SIGNATURE_DOMAIN = 'unlinked/authorship/v1';
export const MODERATION_SIGNATURE_DOMAIN = 'unlinked/moderation/v1';

export type SignedOperation =
  | 'create-thread'
  | 'create-reply'
  | 'create-review'
  | 'edit-thread'
  | 'edit-reply'
  | 'edit-review'
  | 'delete-thread'
  | 'delete-reply'
  | 'delete-review'
  | 'create-salary'
  | 'delete-salary'
  | 'create-interview'
  | 'delete-interview';

export type ModerationOperation = 'moderation-status' | 'appeal';

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

/** Salary report fields in signing order (absent optionals are ""). */
export const SALARY_FIELDS = [
  'jobTitle',
  'level',
  'city',
  'experience',
  'tenure',
  'employmentType',
  'currency',
  'basePay',
  'bonus',
  'stock',
  'signOn',
] as const;

/** Interview fields in signing order (the questions follow as their count, then each question). */
export const INTERVIEW_FIELDS = [
  'jobTitle',
  'month',
  'source',
  'difficulty',
  'experience',
  'outcome',
  'processLength',
  'stages',
] as const;

/** The signed fields of a create-interview after the operation. */
export function interviewSignedFields(
  i: Record<(typeof INTERVIEW_FIELDS)[number], SignedField> & {
    companySlug: string;
    candidateCompanySlug: string;
    showCompany: boolean;
    questions: readonly string[];
  },
): SignedField[] {
  return [
    i.companySlug,
    i.candidateCompanySlug,
    i.showCompany,
    ...INTERVIEW_FIELDS.map((f) => i[f]),
    i.questions.length,
    ...i.questions,
  ];
}

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
