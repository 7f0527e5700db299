/**
 * The typed operations (generated from apps/api/schema.gql and the .graphql
 * documents here by `npm run codegen`), plus the few names the apps share.
 */
import type {
  AccountFieldsFragment,
  CompanyPageQuery,
  ModeratedContentType,
  ModerationReason,
  WriteReceiptFieldsFragment,
} from './generated.js';

export * from './generated.js';

export type WriteReceipt = WriteReceiptFieldsFragment;
export type Account = AccountFieldsFragment;
export type ReviewStats = CompanyPageQuery['company']['reviewStats'];

/** What a reader can flag: salary reports are never shown one by one. */
export type FlaggableType = Exclude<ModeratedContentType, 'SALARY'>;

type PostKind = 'thread' | 'reply' | 'review' | 'interview';
const MODERATED: Record<PostKind, FlaggableType> = {
  thread: 'THREAD',
  reply: 'REPLY',
  review: 'REVIEW',
  interview: 'INTERVIEW',
};
/** The moderation API's name for a kind of post a reader can flag. */
export function moderatedType(kind: PostKind): FlaggableType {
  return MODERATED[kind];
}

/** The moderation API's name for any of the author's own writes (a salary report too). */
export function moderatedKind(kind: PostKind | 'salary'): ModeratedContentType {
  return kind === 'salary' ? 'SALARY' : MODERATED[kind];
}

// A record, so that a reason added to the schema fails the type-check until it is listed here.
const REASONS: Record<ModerationReason, true> = {
  SPAM: true,
  HARASSMENT: true,
  PERSONAL_INFORMATION: true,
  HATE: true,
  CONFIDENTIAL: true,
  OFF_TOPIC: true,
  OTHER: true,
};
/** In the order the report form offers them. */
export const MODERATION_REASONS = Object.keys(REASONS) as readonly ModerationReason[];
