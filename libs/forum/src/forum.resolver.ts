import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ContentStatus } from '@unlinked/db/anonymous';
import type { Connection } from '@unlinked/platform';
import { Company } from '@unlinked/companies';
import {
  CreateReplyInput,
  CreateReviewInput,
  CreateThreadInput,
  DeleteContentInput,
  EditReplyInput,
  EditReviewInput,
  EditThreadInput,
  RepliesArgs,
  ReviewsArgs,
  SearchArgs,
  ThreadsArgs,
  VoteInput,
} from './dto/forum.inputs.js';
import { ForumReadService } from './forum-read.service.js';
import {
  Board,
  ReplyConnection,
  Review,
  ReviewConnection,
  ReviewStats,
  Thread,
  ThreadConnection,
  VoteResult,
  WriteReceipt,
} from './models/forum.models.js';
import type { Reply } from './models/forum.models.js';
import { PostsService } from './posts.service.js';
import type { RequestHeaders } from './redemption/anonymous-request.js';
import { ReviewsService } from './reviews.service.js';
import { VotesService } from './votes.service.js';

const TOKEN_ARG = {
  name: 'token',
  type: () => String,
  nullable: true,
  description: 'base64url Privacy Pass token (RFC 9577 §2.2); or send Authorization: PrivateToken token="...".',
} as const;

const ARC_TOKEN_ARG = {
  ...TOKEN_ARG,
  description:
    'base64url ARC presentation (token type 0xE5AC, presentation limit 1); or send Authorization: PrivateToken token="...".',
} as const;

/** Anonymous writes: each takes a token (or the PrivateToken header) and refuses sessions. */
@Resolver()
export class ForumWritesResolver {
  constructor(
    private readonly posts: PostsService,
    private readonly reviews: ReviewsService,
    private readonly votes: VotesService,
  ) {}

  @Mutation(() => WriteReceipt)
  createThread(
    @Args('input') input: CreateThreadInput,
    @Args(TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.posts.createThread(input, { req, token });
  }

  @Mutation(() => WriteReceipt)
  createReply(
    @Args('input') input: CreateReplyInput,
    @Args(TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.posts.createReply(input, { req, token });
  }

  @Mutation(() => WriteReceipt, {
    description:
      'A review of your own company, paid with an ARC presentation in the context review:<company id> under the current period: one per person per company per period (ALREADY_REVIEWED).',
  })
  createReview(
    @Args('input') input: CreateReviewInput,
    @Args(ARC_TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.reviews.createReview(input, { req, token });
  }

  @Mutation(() => VoteResult, {
    description:
      "Vote once on published content, paid with an ARC presentation in the context vote:<type>:<id> under the item's arcPeriod; votes are final (a second one: ALREADY_VOTED).",
  })
  vote(
    @Args('input') input: VoteInput,
    @Args(ARC_TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<VoteResult> {
    return this.votes.vote(input, { req, token });
  }

  @Mutation(() => WriteReceipt)
  editThread(@Args('input') input: EditThreadInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.posts.editThread(input, { req });
  }

  @Mutation(() => WriteReceipt)
  editReply(@Args('input') input: EditReplyInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.posts.editReply(input, { req });
  }

  @Mutation(() => WriteReceipt)
  editReview(@Args('input') input: EditReviewInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.reviews.editReview(input, { req });
  }

  @Mutation(() => WriteReceipt)
  deleteThread(@Args('input') input: DeleteContentInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.posts.deleteThread(input, { req });
  }

  @Mutation(() => WriteReceipt)
  deleteReply(@Args('input') input: DeleteContentInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.posts.deleteReply(input, { req });
  }

  @Mutation(() => WriteReceipt)
  deleteReview(@Args('input') input: DeleteContentInput, @Context('req') req: RequestHeaders): Promise<WriteReceipt> {
    return this.reviews.deleteReview(input, { req });
  }
}

/** Reads: no account needed. */
@Resolver()
export class ForumReadsResolver {
  constructor(private readonly reads: ForumReadService) {}

  @Query(() => [Board])
  boards(): Promise<Board[]> {
    return this.reads.boards();
  }

  @Query(() => ThreadConnection)
  threads(@Args() args: ThreadsArgs): Promise<Connection<Thread>> {
    return this.reads.threads(args);
  }

  @Query(() => Thread)
  thread(@Args('id', { type: () => ID }) id: string): Promise<Thread> {
    return this.reads.thread(id);
  }

  @Query(() => ReviewConnection)
  reviews(@Args() args: ReviewsArgs): Promise<Connection<Review>> {
    return this.reads.reviews(args);
  }

  @Query(() => ThreadConnection)
  searchThreads(@Args() args: SearchArgs): Promise<Connection<Thread>> {
    return this.reads.searchThreads(args);
  }

  @Query(() => ReviewConnection)
  searchReviews(@Args() args: SearchArgs): Promise<Connection<Review>> {
    return this.reads.searchReviews(args);
  }

  @Query(() => ContentStatus, {
    description: 'Lets an author poll its own write (PENDING until published).',
  })
  contentStatus(@Args('id', { type: () => ID }) id: string): Promise<ContentStatus> {
    return this.reads.contentStatus(id);
  }
}

@Resolver(() => Thread)
export class ThreadRepliesResolver {
  constructor(private readonly reads: ForumReadService) {}

  @ResolveField(() => ReplyConnection)
  replies(@Parent() thread: Thread, @Args() args: RepliesArgs): Promise<Connection<Reply>> {
    return this.reads.replies(thread.id, args);
  }
}

/** The forum's contribution to the company page. */
@Resolver(() => Company)
export class CompanyForumResolver {
  constructor(private readonly reads: ForumReadService) {}

  @ResolveField(() => ReviewStats)
  reviewStats(@Parent() company: Company, @Context('req') req: object): Promise<ReviewStats> {
    return this.reads.reviewStats(company.id, req);
  }
}
