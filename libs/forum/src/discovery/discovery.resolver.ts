import { Args, Query, Resolver } from '@nestjs/graphql';
import { FeedArgs, SiteSearchArgs } from './discovery.args.js';
import { Feed, SearchResults } from './discovery.models.js';
import { DiscoveryService } from './discovery.service.js';

/** Public reads for the home page (both on the read cache's allow-list). */
@Resolver()
export class DiscoveryResolver {
  constructor(private readonly discovery: DiscoveryService) {}

  @Query(() => Feed, {
    description: 'Trending threads, new reviews and the most active companies: published data only.',
  })
  feed(@Args() args: FeedArgs): Promise<Feed> {
    return this.discovery.feed(args);
  }

  @Query(() => SearchResults, { description: 'Companies, threads and reviews matching one query, grouped.' })
  search(@Args() args: SiteSearchArgs): Promise<SearchResults> {
    return this.discovery.search(args);
  }
}
