import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Company } from '@unlinked/companies';
import type { Connection } from '@unlinked/platform';
import { DeleteContentInput, SearchArgs } from '../dto/forum.inputs.js';
import { WriteReceipt } from '../models/forum.models.js';
import type { RequestHeaders } from '../redemption/anonymous-request.js';
import { ArcRedemptionService } from '../redemption/arc-redemption.service.js';
import { CreateInterviewInput, InterviewsArgs } from './interview.inputs.js';
import {
  CompanyInterviewStats,
  Interview,
  InterviewConnection,
  InterviewStats,
  JobTitleOption,
} from './interview.models.js';
import { InterviewsReadService } from './interviews-read.service.js';
import { InterviewsService } from './interviews.service.js';
import { JOB_TITLES } from './job-titles.js';

const ARC_TOKEN_ARG = {
  name: 'token',
  type: () => String,
  nullable: true,
  description:
    'base64url ARC presentation (token type 0xE5AC, presentation limit 1); or send Authorization: PrivateToken token="...".',
} as const;

@Resolver(() => Interview)
export class InterviewsResolver {
  constructor(
    private readonly writes: InterviewsService,
    private readonly reads: InterviewsReadService,
    private readonly arc: ArcRedemptionService,
  ) {}

  @ResolveField(() => Int, {
    description: 'The ARC period whose key takes flags on this interview review (that of its creation).',
  })
  arcPeriod(@Parent() interview: Interview): number {
    return this.arc.itemPeriod(interview.createdAt);
  }

  @Mutation(() => WriteReceipt, {
    description:
      "An interview review of any company, paid with an ARC presentation of the writer's own company's current-period credential in the context interview:<id of the company interviewed at>: one per person per company per period (ALREADY_INTERVIEW_REVIEWED).",
  })
  createInterview(
    @Args('input') input: CreateInterviewInput,
    @Args(ARC_TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.writes.createInterview(input, { req, token });
  }

  @Mutation(() => WriteReceipt)
  deleteInterview(
    @Args('input') input: DeleteContentInput,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.writes.deleteInterview(input, { req });
  }

  @Query(() => InterviewConnection)
  interviews(@Args() args: InterviewsArgs): Promise<Connection<Interview>> {
    return this.reads.interviews(args);
  }

  @Query(() => InterviewConnection, { description: 'Interview reviews whose questions match, newest first.' })
  searchInterviews(@Args() args: SearchArgs): Promise<Connection<Interview>> {
    return this.reads.searchInterviews(args);
  }

  @Query(() => [JobTitleOption], { description: 'The normalised job titles (any other title is accepted as written).' })
  jobTitles(): JobTitleOption[] {
    return JOB_TITLES.map(({ key, en, zh }) => ({ key, en, zh }));
  }
}

/** Interviews on the company page. */
@Resolver(() => Company)
export class CompanyInterviewsResolver {
  constructor(private readonly reads: InterviewsReadService) {}

  @ResolveField(() => CompanyInterviewStats)
  interviewStats(@Parent() company: Company): Promise<CompanyInterviewStats> {
    return this.reads.companyStats(company.id);
  }

  @ResolveField(() => InterviewStats, { description: "One title's interview aggregates at this company." })
  interviewTitleStats(@Parent() company: Company, @Args('jobTitle') jobTitle: string): Promise<InterviewStats> {
    return this.reads.titleStats(company.id, jobTitle);
  }
}
