import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Optional } from '@nestjs/common';
import { JobName, QueueName } from '@unlinked/jobs';
import { LogTallies, type LogTally } from '@unlinked/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { OutboxRepository } from '../repositories/outbox.repository.js';

const BATCH = 200;

/**
 * Moves outbox rows to ScreenContent jobs (moderation screens first, then
 * hands passing content to a delayed PublishContent job with the drawn delay). Rows are claimed with
 * FOR UPDATE SKIP LOCKED (several relays never take the same row) and marked
 * relayed in the same transaction after the jobs are added; the job id is the
 * outbox id, so a relay that dies between add and commit re-adds a job BullMQ
 * already has and nothing is published twice. If Redis is down the add fails,
 * the transaction rolls back and the rows wait for the next run.
 */
@Injectable()
export class OutboxRelayService {
  /** Rows relayed, counted per window (privacy rule 5); absent when the relay is made by hand. */
  private readonly relayed: LogTally | undefined;

  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Moderation) private readonly queue: Queue,
    // Injected by Nest; built from the data source when the relay is made by hand (tests relay to a dead queue).
    @Optional() private readonly outbox: OutboxRepository = new OutboxRepository(dataSource),
    @Optional() tallies?: LogTallies,
  ) {
    this.relayed = tallies?.create(OutboxRelayService.name, 'Relayed publication outbox');
  }

  /** Relays up to one batch; returns how many rows moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.outbox.claim(m, BATCH);
      if (rows.length === 0) return 0;
      await this.queue.addBulk(
        rows.map((r) => ({
          name: JobName.ScreenContent,
          data: {
            outboxId: r.id,
            contentType: r.content_type,
            contentId: r.content_id,
            delayMs: r.delay_ms,
          },
          // Completed jobs are removed at once: Redis keeps no record of when content was submitted.
          opts: { jobId: r.id, removeOnComplete: true },
        })),
      );
      await this.outbox.markRelayed(
        m,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  /** Relays until the outbox is empty (bounded), for the repeatable job. */
  async relayAll(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.relayOnce();
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.relayed?.add({}, { n: total });
    return total;
  }
}
