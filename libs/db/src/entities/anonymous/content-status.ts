/** Lifecycle of anonymous content: written PENDING, published by a delayed job (privacy rule 5). */
export enum ContentStatus {
  Pending = 'pending',
  Published = 'published',
  Deleted = 'deleted',
}

export enum ContentType {
  Thread = 'thread',
  Reply = 'reply',
  Review = 'review',
}
