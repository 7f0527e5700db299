/** Lifecycle of anonymous content: written PENDING, published by a delayed job (privacy rule 5). */
export enum ContentStatus {
  Pending = 'pending',
  Published = 'published',
  Deleted = 'deleted',
}

/**
 * What a content row's status column can hold: moderation adds 'hidden' (migration 17643000000001),
 * which readers never see. ContentStatus stays the API's enum; this is the stored one.
 */
export type StoredContentStatus = ContentStatus | 'hidden';

export enum ContentType {
  Thread = 'thread',
  Reply = 'reply',
  Review = 'review',
  Salary = 'salary',
  Interview = 'interview',
}

/**
 * What votes and flags can target: content readers see one by one (salary reports never are). Interviews
 * can be flagged but take no votes.
 */
export type ItemContentType = Exclude<ContentType, ContentType.Salary>;
