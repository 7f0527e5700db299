import { Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ArcPeriods } from './models/arc-periods.model.js';
import { Reply, Review, Thread } from './models/forum.models.js';
import { ArcRedemptionService } from './redemption/arc-redemption.service.js';

const ARC_PERIOD = {
  description:
    "The ARC period whose key takes votes and flags on this content (that of its creation): present a credential of the voter's company for this period.",
} as const;

/** Which ARC credential a client presents: the periods, and each item's period. */
@Resolver(() => Thread)
export class ThreadArcPeriodResolver {
  constructor(private readonly arc: ArcRedemptionService) {}

  @Query(() => ArcPeriods)
  arcPeriods(): ArcPeriods {
    return { current: this.arc.currentPeriod(), months: this.arc.periodMonths };
  }

  @ResolveField(() => Int, ARC_PERIOD)
  arcPeriod(@Parent() thread: Thread): number {
    return this.arc.itemPeriod(thread.createdAt);
  }
}

@Resolver(() => Reply)
export class ReplyArcPeriodResolver {
  constructor(private readonly arc: ArcRedemptionService) {}

  @ResolveField(() => Int, ARC_PERIOD)
  arcPeriod(@Parent() reply: Reply): number {
    return this.arc.itemPeriod(reply.createdAt);
  }
}

@Resolver(() => Review)
export class ReviewArcPeriodResolver {
  constructor(private readonly arc: ArcRedemptionService) {}

  @ResolveField(() => Int, ARC_PERIOD)
  arcPeriod(@Parent() review: Review): number {
    return this.arc.itemPeriod(review.createdAt);
  }
}
