import { Injectable } from '@nestjs/common';
import { ContentType, VoteEntity, type ItemContentType } from '@unlinked/db/anonymous';
import type { EntityManager } from 'typeorm';
import { CONTENT_TABLES } from './content-tables.js';
import { returned } from './sql-result.js';

/** The counter a vote moves on each kind of target; interviews take no votes. */
const COUNTERS: Partial<Record<ItemContentType, 'score' | 'helpful_count'>> = {
  [ContentType.Thread]: 'score',
  [ContentType.Reply]: 'score',
  [ContentType.Review]: 'helpful_count',
};

/** Votes: a row names its target and nothing else; the target's counter moves in the same transaction. */
@Injectable()
export class VotesRepository {
  /** Records the vote and moves the target's counter; undefined (nothing counted) when it is not published. */
  async cast(
    manager: EntityManager,
    vote: Pick<VoteEntity, 'targetType' | 'targetId' | 'value' | 'createdAt'>,
  ): Promise<number | undefined> {
    const counter = COUNTERS[vote.targetType];
    if (!counter) return undefined;
    await manager.getRepository(VoteEntity).insert(vote);
    const table = CONTENT_TABLES[vote.targetType];
    const [row] = returned<{ score: number }>(
      await manager.query(
        `UPDATE ${table} SET ${counter} = ${counter} + $2 WHERE id = $1 AND status = 'published'
         RETURNING ${counter} AS score`,
        [vote.targetId, vote.value],
      ),
    );
    return row?.score;
  }
}
