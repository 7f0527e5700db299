import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Connection, StaffPrincipal } from '@unlinked/platform';
import { StaffGuard, StaffRoles, staffOf } from '@unlinked/platform';
import { AuthorModerationService } from './author/author-moderation.service.js';
import { AppealRemovalInput, ContentModerationStatusArgs } from './dto/author.args.js';
import { FlagContentInput } from './dto/flag-content.input.js';
import { FlagsService } from './flags.service.js';
import type { RequestHeaders } from '@unlinked/forum';
import { ModerateInput, ModerationLogArgs, ModerationQueueArgs } from './dto/moderation.args.js';
import { ContentModerationStatus } from './models/content-moderation-status.model.js';
import { ModerationItem, ModerationItemConnection } from './models/moderation-item.model.js';
import { ModerationLogEntry } from './models/moderation-log.model.js';
import { ModerationQueueService } from './moderation-queue.service.js';
import { ModerationService } from './moderation.service.js';

@Resolver()
@UseGuards(StaffGuard)
export class ModerationResolver {
  constructor(
    private readonly queue: ModerationQueueService,
    private readonly moderation: ModerationService,
    private readonly authors: AuthorModerationService,
    private readonly flags: FlagsService,
  ) {}

  @Query(() => ModerationItemConnection, {
    description: 'Held, flagged and appealed items, oldest first (moderators).',
  })
  @StaffRoles('moderator', 'admin')
  moderationQueue(@Args() args: ModerationQueueArgs): Promise<Connection<ModerationItem>> {
    return this.queue.queue(args);
  }

  @Mutation(() => ModerationItem, { description: 'Approve, remove (reason required) or restore an item (moderators).' })
  @StaffRoles('moderator', 'admin')
  async moderate(
    @Args('input') input: ModerateInput,
    @Context() ctx: { req: { headers: Record<string, string | string[] | undefined>; staff?: StaffPrincipal } },
  ): Promise<ModerationItem> {
    const item = await this.moderation.moderate(
      {
        itemId: input.itemId,
        action: input.action,
        reasonCode: input.reasonCode,
        note: input.note,
        expectedVersion: input.version,
      },
      staffOf(ctx).accountId,
    );
    const page = await this.queue.byIds([item.id]);
    return page[0];
  }

  @Query(() => [ModerationLogEntry], { description: 'Public: removals by reason and period for a company or board.' })
  moderationLog(@Args() args: ModerationLogArgs): Promise<ModerationLogEntry[]> {
    return this.queue.log(args);
  }

  @Query(() => ContentModerationStatus, {
    description: "Moderation status of one's own content, proven by its author key.",
  })
  contentModerationStatus(@Args() args: ContentModerationStatusArgs): Promise<ContentModerationStatus> {
    return this.authors.status({ type: args.contentType, id: args.contentId }, args.issuedAt, args.signature);
  }

  @Mutation(() => ContentModerationStatus, { description: 'Appeal a removal once, proven by the author key.' })
  appealRemoval(@Args('input') input: AppealRemovalInput): Promise<ContentModerationStatus> {
    return this.authors.appeal({ type: input.contentType, id: input.contentId }, input.statement, input.signature);
  }

  @Mutation(() => Boolean, {
    description:
      'Flag published content with a reason, paid with an ARC presentation in the context flag:<type>:<id> (token argument or PrivateToken header): one flag per person per item; a second is refused with ALREADY_FLAGGED.',
  })
  flagContent(
    @Args('input') input: FlagContentInput,
    @Args('token', {
      type: () => String,
      nullable: true,
      description: 'base64url ARC presentation (token type 0xE5AC).',
    })
    token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<boolean> {
    return this.flags.flag(input, { req, token });
  }
}
