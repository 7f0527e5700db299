import { Injectable } from '@nestjs/common';
import { ContentStatus, type ContentType } from '@unlinked/db/anonymous';
import { ContentRepository, PublicationService, type ContentView } from '@unlinked/forum';
import type { EntityManager } from 'typeorm';
import { refKey, type ContentGateway, type ContentRef, type ModeratedContent } from './content-gateway.js';

/**
 * The content gateway over the forum. Visibility is the content's status:
 * 'published' is public, 'pending' and 'hidden' are not; content the author
 * deleted stays deleted whatever moderation decides. Publishing goes through
 * the forum's one publish path (PublicationService.publishIn), so a
 * moderator's approval has exactly the side effects of a normal publication
 * (a reply's thread count and last activity, a review's aggregates).
 */
@Injectable()
export class ForumContentGateway implements ContentGateway {
  constructor(
    private readonly contents: ContentRepository,
    private readonly publication: PublicationService,
  ) {}

  async load(manager: EntityManager, refs: readonly ContentRef[]): Promise<Map<string, ModeratedContent>> {
    const out = new Map<string, ModeratedContent>();
    for (const view of await this.contents.views(manager, refs.map(toForum))) {
      const content: ModeratedContent = {
        type: view.type,
        id: view.id,
        companyId: view.companyId,
        boardSlug: view.boardSlug,
        scope: scopeOf(view),
        text: view.text,
        authorKey: new Uint8Array(view.authorKey),
      };
      out.set(refKey(content), content);
    }
    return out;
  }

  /** pending or hidden → published, counted in as on first publication. */
  async publish(manager: EntityManager, ref: ContentRef): Promise<void> {
    const { type, id } = toForum(ref);
    await this.publication.publishIn(manager, type, id, [ContentStatus.Pending, 'hidden']);
  }

  /** pending or published → hidden; content that was public is counted out again. */
  async unpublish(manager: EntityManager, ref: ContentRef): Promise<void> {
    const { type, id } = toForum(ref);
    await this.publication.unpublishIn(manager, type, id);
  }
}

const SCOPE_PREFIX: Partial<Record<ContentType, string>> = {
  review: 'reviews',
  salary: 'salaries',
  interview: 'interviews',
};

/**
 * Where repeats count as duplicates: a reply's thread, a thread's board (or its company's board), a review's or
 * interview's company, a salary report's company (many people share a title and city, so salary duplicates are
 * expected).
 */
export function scopeOf(view: Pick<ContentView, 'type' | 'threadId' | 'boardSlug' | 'companyId'>): string {
  if (view.threadId) return `thread:${view.threadId}`;
  if (view.boardSlug) return `board:${view.boardSlug}`;
  return `${SCOPE_PREFIX[view.type] ?? 'company'}:${view.companyId}`;
}

/** Moderated content types are the forum's content types, spelled as strings. */
function toForum(ref: ContentRef): { type: ContentType; id: string } {
  return { type: ref.type as ContentType, id: ref.id };
}
