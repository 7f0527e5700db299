import { ContentType } from '@unlinked/db/anonymous';

export type ContentTable = 'threads' | 'replies' | 'reviews' | 'salary_reports' | 'interviews';

/** The one content type → table map of the anonymous side. */
export const CONTENT_TABLES: Readonly<Record<ContentType, ContentTable>> = {
  [ContentType.Thread]: 'threads',
  [ContentType.Reply]: 'replies',
  [ContentType.Review]: 'reviews',
  [ContentType.Salary]: 'salary_reports',
  [ContentType.Interview]: 'interviews',
};
