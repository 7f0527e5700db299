import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@unlinked/platform';
import { CompanyBadge } from '../models/forum.models.js';
import { SalaryScope } from './salary.enums.js';

@ObjectType({
  description: 'A title of the normalised list; report titles that match one of its spellings group under it.',
})
export class SalaryTitle {
  @Field() key: string;
  @Field() name: string;
  @Field() nameZh: string;
}

@ObjectType({
  description:
    'The 25th percentile, median and 75th percentile of one pay component per year, rounded to the nearest 1,000.',
})
export class PayRange {
  @Field(() => Int) p25: number;
  @Field(() => Int) median: number;
  @Field(() => Int) p75: number;
}

@ObjectType({
  description:
    'Aggregates of one group of published salary reports. Every figure is null until the group has SALARY_MIN_REPORTS reports (visible = false): no API returns a single report.',
})
export class SalaryGroup {
  @Field(() => CompanyBadge) company: CompanyBadge;
  @Field(() => SalaryScope) scope: SalaryScope;
  @Field({ description: 'The normalised title key (a SalaryTitle key, or the folded free text).' })
  titleKey: string;
  @Field({ description: "The title's display name (the list's English name, or the most common spelling)." })
  jobTitle: string;
  @Field(() => String, {
    nullable: true,
    description: 'The level (most common spelling); null unless scope is LEVEL or LEVEL_CITY.',
  })
  level: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The city (most common spelling); null unless scope is CITY or LEVEL_CITY.',
  })
  city: string | null;
  @Field({ description: 'ISO 4217; groups never mix currencies.' })
  currency: string;
  @Field(() => Int) reportCount: number;
  @Field(() => Int, { description: 'Reports a group needs before its figures are shown (SALARY_MIN_REPORTS).' })
  minimumReports: number;
  @Field() visible: boolean;
  @Field(() => Int, { description: 'Of reportCount, how many are demo data (development seed; never in production).' })
  demoReports: number;
  @Field(() => PayRange, { nullable: true, description: 'Base + bonus + stock per year (sign-on excluded).' })
  total: PayRange | null;
  @Field(() => PayRange, { nullable: true }) base: PayRange | null;
  @Field(() => PayRange, { nullable: true }) bonus: PayRange | null;
  @Field(() => PayRange, { nullable: true }) stock: PayRange | null;
  @Field(() => PayRange, {
    nullable: true,
    description: 'Over the reports that had a sign-on bonus, when SALARY_MIN_REPORTS of them did.',
  })
  signOn: PayRange | null;
  @Field(() => [SalaryGroup], {
    description:
      'Levels and cities of this title (LEVEL, CITY) that are large enough; smaller ones count only in this group. Level-and-city groups appear in salaryLookup.',
  })
  breakdown: SalaryGroup[];
}

@ObjectType()
export class SalaryComparisonRow {
  @Field() titleKey: string;
  @Field() jobTitle: string;
  @Field() currency: string;
  @Field(() => [SalaryGroup], {
    nullable: 'items',
    description:
      'One cell per company of the comparison, in its order; null where that company has no reports of this title in this currency.',
  })
  cells: (SalaryGroup | null)[];
}

@ObjectType({ description: "A company's pay by title beside the same titles at other companies." })
export class SalaryComparison {
  @Field(() => [CompanyBadge]) companies: CompanyBadge[];
  @Field(() => [SalaryComparisonRow]) rows: SalaryComparisonRow[];
}

export const SalaryGroupConnection = ConnectionType(SalaryGroup, 'SalaryGroup');
