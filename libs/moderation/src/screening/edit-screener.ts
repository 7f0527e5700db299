import { Global, Injectable, Module } from '@nestjs/common';
import { EDIT_SCREENER, type EditScreener, type EditToScreen, type EditVerdict } from '@unlinked/forum';
import { scopeOf } from '../content/forum-content.gateway.js';
import { ModerationCoreModule } from '../moderation-core.module.js';
import { ScreeningService } from './screening.service.js';

/**
 * Screens authors' edits with the same rules and stores as new content, for
 * the forum's edit path (the forum defines the port, so it never imports
 * moderation). The edit counts under its content's own id in the duplicate
 * store, so editing one's own text never makes it a duplicate of itself.
 */
@Injectable()
export class ModerationEditScreener implements EditScreener {
  constructor(private readonly screening: ScreeningService) {}

  async screenEdit(edit: EditToScreen): Promise<EditVerdict> {
    const result = await this.screening.screen(
      {
        type: edit.type,
        id: edit.id,
        companyId: edit.companyId,
        boardSlug: edit.boardSlug,
        scope: scopeOf(edit),
        text: edit.text,
        authorKey: new Uint8Array(),
      },
      'edit',
    );
    return { outcome: result.outcome, hits: result.hits, rejectReason: result.rejectReason ?? null };
  }
}

/** Provides EDIT_SCREENER to the forum's edit path, wherever the API composes both. */
@Global()
@Module({
  imports: [ModerationCoreModule],
  providers: [{ provide: EDIT_SCREENER, useClass: ModerationEditScreener }],
  exports: [EDIT_SCREENER],
})
export class EditScreeningModule {}
