import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayloads } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

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
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Moderation) private readonly queue: Queue,
  ) {}

  /** Relays up to one batch; returns how many rows moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT id, content_type, content_id, delay_ms FROM publication_outbox
         WHERE NOT relayed ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      )) as {
        id: string;
        content_type: JobPayloads[JobName.PublishContent]['contentType'];
        content_id: string;
        delay_ms: number;
      }[];
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
      await m.query(`UPDATE publication_outbox SET relayed = true WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
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
    if (total > 0) this.logger.log({ relayed: total }, 'Relayed publication outbox');
    return total;
  }
}
