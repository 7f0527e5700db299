import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Connection } from '@unlinked/platform';
import { WriteReceipt } from '../models/forum.models.js';
import type { RequestHeaders } from '../redemption/anonymous-request.js';
import { SalaryReadService } from './salary-read.service.js';
import { SalariesService } from './salaries.service.js';
import {
  CreateSalaryReportInput,
  DeleteSalaryReportInput,
  SalaryComparisonArgs,
  SalaryGroupsArgs,
  SalaryLookupArgs,
} from './salary.inputs.js';
import { SalaryComparison, SalaryGroupConnection, SalaryTitle, type SalaryGroup } from './salary.models.js';

const ARC_TOKEN_ARG = {
  name: 'token',
  type: () => String,
  nullable: true,
  description:
    'base64url ARC presentation (token type 0xE5AC, presentation limit 1); or send Authorization: PrivateToken token="...".',
} as const;

@Resolver()
export class SalariesResolver {
  constructor(
    private readonly salaries: SalariesService,
    private readonly reads: SalaryReadService,
  ) {}

  @Mutation(() => WriteReceipt, {
    description:
      "A salary report for your own company, paid with an ARC presentation in the context salary:<company id> under the current period: one per person per company per period (ALREADY_REPORTED_SALARY). Screened and published after a random delay; only its group's aggregates are ever shown.",
  })
  createSalaryReport(
    @Args('input') input: CreateSalaryReportInput,
    @Args(ARC_TOKEN_ARG) token: string | null,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.salaries.create(input, { req, token });
  }

  @Mutation(() => WriteReceipt, { description: "Withdraws one's own report (signed delete-salary with its key)." })
  deleteSalaryReport(
    @Args('input') input: DeleteSalaryReportInput,
    @Context('req') req: RequestHeaders,
  ): Promise<WriteReceipt> {
    return this.salaries.delete(input, { req });
  }

  @Query(() => Int, { description: 'Reports a group needs before its figures are shown (SALARY_MIN_REPORTS).' })
  salaryMinimumReports(): number {
    return this.reads.k;
  }

  @Query(() => [SalaryTitle], { description: 'The normalised job titles.' })
  salaryTitles(): SalaryTitle[] {
    return this.reads.titles();
  }

  @Query(() => SalaryGroupConnection, { description: "A company's pay by title (aggregates only)." })
  salaryGroups(@Args() args: SalaryGroupsArgs): Promise<Connection<SalaryGroup>> {
    return this.reads.companyGroups(args);
  }

  @Query(() => SalaryComparison)
  salaryComparison(@Args() args: SalaryComparisonArgs): Promise<SalaryComparison> {
    return this.reads.comparison(args);
  }

  @Query(() => SalaryGroupConnection, {
    description:
      'What would I earn: per company, the finest large-enough group of the title for the level and city given (LEVEL_CITY, else LEVEL, else CITY, else TITLE).',
  })
  salaryLookup(@Args() args: SalaryLookupArgs): Promise<Connection<SalaryGroup>> {
    return this.reads.lookup(args);
  }
}
