import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A table whose rows are deleted once `column` is in the past. */
export interface PruneTarget {
  readonly table: string;
  readonly column: string;
}

/** Every table with expiring rows; features add theirs here. */
export const PRUNE_TARGETS: readonly PruneTarget[] = [
  { table: 'verification_codes', column: 'expires_at' },
  { table: 'sessions', column: 'expires_at' },
  { table: 'issuance_counts', column: 'retire_at' },
  // Privacy rule 3: a spent token's row lives until its key (epoch) stops redeeming.
  { table: 'spent_tokens', column: 'expires_at' },
  // Spent ARC tags live until their key (company, period) retires; items of that period take no more votes or flags.
  { table: 'spent_arc_tags', column: 'expires_at' },
];

/**
 * The one table-generic statement of the platform: "delete the rows of a
 * target whose deadline passed", over a list of (table, column). It names no
 * side's rows, so it stays here rather than in each side's repositories.
 */
@Injectable()
export class PruneService {
  private readonly logger = new Logger(PruneService.name);

  constructor(private readonly dataSource: DataSource) {}

  async run(targets: readonly PruneTarget[] = PRUNE_TARGETS): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const { table, column } of targets) {
      const [{ n }] = (await this.dataSource.query(
        `WITH d AS (DELETE FROM "${table}" WHERE "${column}" < now() RETURNING 1) SELECT count(*)::int AS n FROM d`,
      )) as { n: number }[];
      deleted[table] = n;
    }
    this.logger.log({ deleted }, 'Pruned expired rows');
    return deleted;
  }
}
