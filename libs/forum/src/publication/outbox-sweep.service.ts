import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { OutboxRepository } from '../repositories/outbox.repository.js';

const BATCH = 200;

/**
 * Makes publication self-healing. The relay marks an outbox row relayed once
 * its screen-content job is in Redis; a Redis that restarts without
 * persistence (or loses data) forgets that job, or the delayed
 * publish-content job screening handed off to, and nothing would ever send
 * the row again. The sweep looks at relayed rows past their coarse due time
 * (the row would have been deleted by publication, or by screening when held
 * or rejected) and re-adds a screen-content job for each one whose job id
 * (= outbox id) exists in neither queue, in any state. Screening is
 * idempotent (an item already stored is not screened again, only handed off
 * again), publication moves content only from pending, and BullMQ refuses a
 * second job with the same id: a row is never published twice.
 *
 * Checked in pipeline order: the screen job adds the publish job before it
 * completes, and publication deletes the row before its job completes, so a
 * row that still exists after both checks came up empty really lost its job.
 */
@Injectable()
export class OutboxSweepService {
  private readonly logger = new Logger(OutboxSweepService.name);

  constructor(
    @InjectQueue(QueueName.Moderation) private readonly screening: Queue,
    @InjectQueue(QueueName.Publication) private readonly publication: Queue,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Re-sends overdue rows whose job is gone; returns how many (bounded per run). */
  async sweep(maxBatches = 50): Promise<number> {
    let resent = 0;
    let after: [Date, string] | undefined;
    for (let i = 0; i < maxBatches; i++) {
      const rows = await this.outbox.overdue(BATCH, after);
      for (const row of rows) {
        if (await this.screening.getJob(row.id)) continue;
        if (await this.publication.getJob(row.id)) continue;
        if (!(await this.outbox.exists(row.id))) continue;
        await this.screening.add(
          JobName.ScreenContent,
          // Past its due time: publish as soon as screening passes.
          { outboxId: row.id, contentType: row.content_type, contentId: row.content_id, delayMs: 0 },
          { jobId: row.id, removeOnComplete: true },
        );
        resent++;
      }
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.due_at, last.id];
    }
    // A count only: no ids, no times (privacy rule 5).
    if (resent > 0) this.logger.warn({ resent }, 'Re-sent outbox rows whose job was lost');
    return resent;
  }
}
