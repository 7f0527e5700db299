import { Injectable } from '@nestjs/common';
import { SpentArcTagEntity } from '@unlinked/db/anonymous';
import type { EntityManager } from 'typeorm';
import { returned } from './sql-result.js';

/** Spent ARC tags (issue 11). Pruning, once a key retires, is platform maintenance. */
@Injectable()
export class SpentArcTagsRepository {
  /**
   * Inserts (key id, context, tag) in the caller's transaction; false, writing
   * nothing, when the tag is already spent. ON CONFLICT instead of catching a
   * unique violation: no statement fails, so nothing aborts the transaction
   * (or, on PGlite, the one shared session), and the caller decides to roll
   * back. Concurrent inserts of one tag wait for each other on the primary
   * key: exactly one returns a row.
   */
  async insert(
    manager: EntityManager,
    tag: Pick<SpentArcTagEntity, 'keyId' | 'context' | 'tag' | 'expiresAt'>,
  ): Promise<boolean> {
    const rows = returned(
      await manager.query(
        `INSERT INTO spent_arc_tags (key_id, context, tag, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT spent_arc_tags_pkey DO NOTHING RETURNING 1`,
        [tag.keyId, tag.context, tag.tag, tag.expiresAt],
      ),
    );
    return rows.length === 1;
  }
}
