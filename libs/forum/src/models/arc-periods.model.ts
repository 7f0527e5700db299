import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    "ARC periods: VERIFICATION_MONTHS calendar months (UTC) from January 1970; each company has one ARC key per period. A directory key's period is that of its not-before.",
})
export class ArcPeriods {
  @Field(() => Int, { description: "The period now: reviews take a credential of this period's key." })
  current: number;

  @Field(() => Int, { description: 'Calendar months per period.' })
  months: number;
}
