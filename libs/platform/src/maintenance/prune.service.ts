import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Side } from '@unlinked/config';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import type { DataSource } from 'typeorm';

/** A table whose rows are deleted once `column` is in the past. */
export interface PruneTarget {
  /** Whose database holds the table. */
  readonly side: Side;
  readonly table: string;
  readonly column: string;
}

/** Every table with expiring rows; features add theirs here. */
export const PRUNE_TARGETS: readonly PruneTarget[] = [
  { side: 'identity', table: 'verification_codes', column: 'expires_at' },
  { side: 'identity', table: 'sessions', column: 'expires_at' },
  { side: 'identity', table: 'issuance_counts', column: 'retire_at' },
  // Privacy rule 3: a spent token's row lives until its key (epoch) stops redeeming.
  { side: 'forum', table: 'spent_tokens', column: 'expires_at' },
  // Spent ARC tags live until their key (company, period) retires; items of that period take no more votes or flags.
  { side: 'forum', table: 'spent_arc_tags', column: 'expires_at' },
];

/**
 * The one table-generic statement of the platform: "delete the rows of a
 * target whose deadline passed", over a list of (table, column). It names no
 * side's rows, so it stays here rather than in each side's repositories.
 */
@Injectable()
export class PruneService {
  private readonly logger = new Logger(PruneService.name);

  private readonly databases: Partial<Record<Side, DataSource>>;

  /** The databases of the sides this process runs (ROLE); the other side's tables are pruned by its own worker. */
  constructor(
    @Optional() @Inject(IDENTITY_DB) identity?: DataSource,
    @Optional() @Inject(FORUM_DB) forum?: DataSource,
  ) {
    this.databases = { identity, forum };
  }

  /** A prune over the given side databases (tests and scripts; Nest injects the running sides' own). */
  static over(databases: Partial<Record<Side, DataSource>>): PruneService {
    return new PruneService(databases.identity, databases.forum);
  }

  async run(targets: readonly PruneTarget[] = PRUNE_TARGETS): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const { side, table, column } of targets) {
      const db = this.databases[side];
      if (!db) continue;
      const [{ n }] = (await db.query(
        `WITH d AS (DELETE FROM "${table}" WHERE "${column}" < now() RETURNING 1) SELECT count(*)::int AS n FROM d`,
      )) as { n: number }[];
      deleted[table] = n;
    }
    this.logger.log({ deleted }, 'Pruned expired rows');
    return deleted;
  }
}
