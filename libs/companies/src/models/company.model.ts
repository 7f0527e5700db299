import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CompanySize, CompanyStatus } from '@unlinked/db';
import { ConnectionType } from '@unlinked/platform';

registerEnumType(CompanyStatus, { name: 'CompanyStatus' });
registerEnumType(CompanySize, {
  name: 'CompanySize',
  valuesMap: {
    Tiny: { description: '1-50' },
    Small: { description: '51-200' },
    Medium: { description: '201-1000' },
    Large: { description: '1001-5000' },
    VeryLarge: { description: '5001-10000' },
    Huge: { description: '10000+' },
  },
});

@ObjectType({ description: 'A company: shared reference data, readable by anyone.' })
export class Company {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'The Chinese name, when the company has one.' })
  nameZh: string | null;

  @Field(() => [String], { description: 'Other names the company is searched by (阿里 for Alibaba).' })
  aliases: string[];

  @Field(() => [String], { description: 'Email domains; the primary domain first.' })
  domains: string[];

  @Field(() => String, { nullable: true })
  industry: string | null;

  @Field(() => CompanySize, { nullable: true })
  size: CompanySize | null;

  @Field(() => String, { nullable: true })
  headquarters: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => CompanyStatus)
  status: CompanyStatus;

  /** Accounts verified within the verification period; exposed only as a bucket (privacy rule 9). */
  verifiedCount: number;
}

export const CompanyConnection = ConnectionType(Company, 'Company');
