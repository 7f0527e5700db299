import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@unlinked/db';
import { SpentTokenEntity } from '@unlinked/db/anonymous';
import type { EntityManager } from 'typeorm';

/** Spent Privacy Pass tokens (privacy rule 3). Pruning, once a key retires, is platform maintenance. */
@Injectable()
export class SpentTokensRepository {
  /**
   * Inserts (token key id, nonce) in the caller's transaction; returns false,
   * writing nothing, when the pair is already spent (the primary key decides
   * between any number of concurrent spends).
   */
  async insert(manager: EntityManager, token: Pick<SpentTokenEntity, 'tokenKeyId' | 'nonce' | 'expiresAt'>) {
    try {
      await manager.getRepository(SpentTokenEntity).insert(token);
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'spent_tokens_pkey')) return false;
      throw error;
    }
  }
}
