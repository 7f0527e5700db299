import type { ContentType } from '@unlinked/db/anonymous';

/** An author's edit as screening sees it: where it stands, and everything a reader would see after it. */
export interface EditToScreen {
  readonly type: ContentType;
  readonly id: string;
  readonly companyId: string;
  /** NULL: the company's own board. */
  readonly boardSlug: string | null;
  /** A reply's thread; NULL otherwise. */
  readonly threadId: string | null;
  /** The edited text as a reader would see it (title and body, or the review's text fields, joined with newlines). */
  readonly text: string;
}

export interface EditVerdict {
  readonly outcome: 'publish' | 'hold' | 'reject';
  /** The rules that fired (ids, actions and counts; never the matched text). */
  readonly hits: readonly { readonly rule: string; readonly action: string; readonly count: number }[];
  readonly rejectReason: string | null;
}

/**
 * Screens an edit before readers see it. The forum defines the port and
 * moderation provides it (the forum never imports moderation): see
 * libs/moderation/src/screening/edit-screener.ts.
 */
export interface EditScreener {
  screenEdit(edit: EditToScreen): Promise<EditVerdict>;
}

export const EDIT_SCREENER = Symbol('EDIT_SCREENER');
