import type { ModeratedContentType } from '@unlinked/db/moderation';
import type { EntityManager } from 'typeorm';

export interface ContentRef {
  readonly type: ModeratedContentType;
  readonly id: string;
}

/** What moderation needs to know about a piece of content; no author, only the per-thread public key. */
export interface ModeratedContent extends ContentRef {
  readonly companyId: string;
  /** NULL: the company's own board. */
  readonly boardSlug: string | null;
  /** Where repeats of a text count as duplicates at the low threshold: a reply's thread, a thread's board, a review's company. */
  readonly scope: string;
  /** Everything a reader will see, joined with newlines (title and body, or the review's text fields). */
  readonly text: string;
  /** The author's per-thread Ed25519 public key (32 bytes). */
  readonly authorKey: Uint8Array;
}

/**
 * Moderation's view of the anonymous side's content tables. Decisions call
 * publish/unpublish inside their own transaction, so an item's state and its
 * content's visibility change together or not at all.
 */
export interface ContentGateway {
  load(manager: EntityManager, refs: readonly ContentRef[]): Promise<Map<string, ModeratedContent>>;
  /** Make content publicly visible (idempotent). */
  publish(manager: EntityManager, ref: ContentRef): Promise<void>;
  /** Take content out of public view (idempotent). */
  unpublish(manager: EntityManager, ref: ContentRef): Promise<void>;
}

export const CONTENT_GATEWAY = Symbol('CONTENT_GATEWAY');

export function refKey(ref: ContentRef): string {
  return `${ref.type}:${ref.id}`;
}
