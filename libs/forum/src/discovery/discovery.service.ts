import { Injectable } from '@nestjs/common';
import { CompaniesRepository, CompaniesService } from '@unlinked/companies';
import { ForumReadService, searchQuery, toReview, toThread } from '../forum-read.service.js';
import { ReviewsRepository } from '../repositories/reviews.repository.js';
import { ThreadsRepository } from '../repositories/threads.repository.js';
import { ActivityRepository } from './activity.repository.js';
import type { FeedArgs, SiteSearchArgs } from './discovery.args.js';
import type { Feed, SearchResults } from './discovery.models.js';

/** What "recent" means on the home page. */
export const FEED_WINDOW_DAYS = 7;

/**
 * The home page and the one search box: public reads over published content, the same answer for every reader
 * (cached like every public read; nothing about the reader is looked at or kept).
 */
@Injectable()
export class DiscoveryService {
  constructor(
    private readonly reads: ForumReadService,
    private readonly threads: ThreadsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly activity: ActivityRepository,
    private readonly companies: CompaniesService,
    private readonly companyRows: CompaniesRepository,
  ) {}

  async feed({ first }: FeedArgs): Promise<Feed> {
    const hours = FEED_WINDOW_DAYS * 24;
    const [trending, reviews, active] = await Promise.all([
      this.threads.trending(hours, first),
      this.reviews.latest(first),
      this.activity.mostActiveCompanies(hours, first),
    ]);
    const byId = new Map((await this.companyRows.findManyByIds(active.map((a) => a.company_id))).map((c) => [c.id, c]));
    return {
      windowDays: FEED_WINDOW_DAYS,
      trendingThreads: trending.map(toThread),
      newReviews: reviews.map(toReview),
      activeCompanies: active
        .filter((a) => byId.has(a.company_id))
        .map((a) => ({ company: CompaniesService.toModel(byId.get(a.company_id)!), recentPosts: a.recent_posts })),
    };
  }

  async search(args: SiteSearchArgs): Promise<SearchResults> {
    const query = searchQuery(args);
    const [companies, threads, reviews] = await Promise.all([
      this.companies.list({ search: query, first: args.first }),
      this.reads.searchThreads({ query, first: args.first }),
      this.reads.searchReviews({ query, first: args.first }),
    ]);
    return { companies: companies.edges.map((e) => e.node), threads, reviews };
  }
}
