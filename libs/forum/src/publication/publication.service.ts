import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { LogTallies, type LogTally } from '@unlinked/platform';
import { ContentStatus, type ContentType, type StoredContentStatus, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import { ContentRepository } from '../repositories/content.repository.js';
import { OutboxRepository } from '../repositories/outbox.repository.js';
import { InterviewStatsRepository } from '../interviews/interview-stats.repository.js';
import { ReviewStatsRepository } from '../repositories/review-stats.repository.js';
import { ThreadsRepository } from '../repositories/threads.repository.js';
import { SalaryGroupsRepository } from '../salaries/salary-groups.repository.js';
import { bucketed } from '../time-bucket.js';

/**
 * The single place where anonymous content becomes visible, and leaves view
 * again. The delayed publication job and moderators' decisions (approve,
 * restore) both go through `publishIn`, so every path has the same side
 * effects: a reply counts into its thread and moves the thread's last
 * activity, a review counts into its company's aggregates, a salary report's
 * groups are recomputed, an interview counts into its company's and title's.
 * Idempotent: only
 * content in one of the `from` statuses changes, so a job that runs twice, or
 * after the author deleted the content, publishes nothing twice.
 */
@Injectable()
export class PublicationService {
  private readonly published: LogTally;

  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly content: ContentRepository,
    private readonly threads: ThreadsRepository,
    private readonly reviewStats: ReviewStatsRepository,
    private readonly salaryGroups: SalaryGroupsRepository,
    private readonly interviewStats: InterviewStatsRepository,
    private readonly outbox: OutboxRepository,
    tallies: LogTallies,
  ) {
    this.published = tallies.create(PublicationService.name, 'Publication jobs done');
  }

  /** The publication job: pending content goes public. Returns whether this call published the content. */
  async publish(contentType: ContentType, contentId: string, outboxId?: string): Promise<boolean> {
    const published = await this.dataSource.transaction(async (m) => {
      const changed = await this.publishIn(m, contentType, contentId, [ContentStatus.Pending]);
      if (outboxId) await this.outbox.remove(outboxId, m);
      return changed;
    });
    // Counted per window (privacy rule 5): a line per job would date each publication to the millisecond.
    this.published.add({ contentType, published });
    return published;
  }

  /**
   * Makes content public, inside the caller's transaction, if its status is
   * one of `from` (publication: pending; moderators: pending or hidden), and
   * counts it in. Returns whether it changed.
   */
  async publishIn(
    manager: EntityManager,
    contentType: ContentType,
    contentId: string,
    from: readonly StoredContentStatus[],
  ): Promise<boolean> {
    const changed = await this.content.setStatus(manager, contentType, contentId, ContentStatus.Published, from);
    if (!changed) return false;
    if (changed.threadId) {
      await this.threads.countReplyIn(manager, changed.threadId, bucketed(this.config.anonymity.timeBucketSeconds));
    } else if (changed.review) {
      await this.reviewStats.apply(manager, changed.review, 1);
    } else if (changed.salary) {
      await this.salaryGroups.recompute(manager, changed.salary, this.config.anonymity.minSalaryReports);
    } else if (changed.interview) {
      await this.interviewStats.apply(manager, changed.interview, 1);
    }
    return true;
  }

  /** Takes pending or published content out of view (hidden), counting out what was public. */
  async unpublishIn(manager: EntityManager, contentType: ContentType, contentId: string): Promise<void> {
    const changed = await this.content.setStatus(manager, contentType, contentId, 'hidden', [
      ContentStatus.Pending,
      ContentStatus.Published,
    ]);
    if (changed?.oldStatus !== ContentStatus.Published) return;
    if (changed.threadId) await this.threads.countReplyOut(manager, changed.threadId);
    else if (changed.review) await this.reviewStats.apply(manager, changed.review, -1);
    else if (changed.salary) {
      await this.salaryGroups.recompute(manager, changed.salary, this.config.anonymity.minSalaryReports);
    } else if (changed.interview) await this.interviewStats.apply(manager, changed.interview, -1);
  }
}
