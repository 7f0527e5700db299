import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Company } from '@unlinked/companies';
import type { Connection } from '@unlinked/platform';
import { ReviewConnection, Thread, ThreadConnection, Review } from '../models/forum.models.js';

@ObjectType({
  description:
    'A company by how much its verified people published lately: threads, replies and reviews made public in the window. ' +
    'Derived from published content only; nobody records who reads what.',
})
export class CompanyActivity {
  @Field(() => Company)
  company: Company;

  @Field(() => Int, { description: 'Threads, replies and reviews its verified people published in the window.' })
  recentPosts: number;
}

@ObjectType({ description: 'The home page: the same for every reader, computed from published content only.' })
export class Feed {
  @Field(() => Int, { description: 'The window, in days, that "recent" means below.' })
  windowDays: number;

  @Field(() => [Thread], {
    description:
      'Threads ranked by (replies in the window + votes in the window) / (age in hours + 2)^1.5, newest first on ties.',
  })
  trendingThreads: Thread[];

  @Field(() => [Review], { description: 'The newest published reviews, across companies.' })
  newReviews: Review[];

  @Field(() => [CompanyActivity], { description: 'Companies with the most content published in the window.' })
  activeCompanies: CompanyActivity[];
}

@ObjectType({ description: 'One search box, three groups of results.' })
export class SearchResults {
  @Field(() => [Company], { description: 'Companies by name, Chinese name, alias or email domain.' })
  companies: Company[];

  @Field(() => ThreadConnection, { description: 'As searchThreads: page on with searchThreads and its cursor.' })
  threads: Connection<Thread>;

  @Field(() => ReviewConnection, { description: 'As searchReviews: page on with searchReviews and its cursor.' })
  reviews: Connection<Review>;
}
