import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { Redis } from 'ioredis';
import { REDIS } from '@unlinked/platform';
import { compactText } from './profanity.detector.js';

/**
 * Counts recent content with the same normalised text. Redis holds, per
 * text, a set of content ids that expires after the window; the key is an
 * HMAC of the text under a key derived from the master seed, so neither the
 * text nor a guessable hash of it is stored. Adding the same content id twice
 * (a retried job) does not count twice.
 */
@Injectable()
export class DuplicateStore {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.key = createHmac('sha256', config.secrets.masterSeed).update('unlinked/moderation/duplicates/v1').digest();
  }

  /** Records `contentId` under its text and returns how many distinct items share the text in the window. */
  async seen(text: string, contentId: string): Promise<number> {
    const normalized = compactText(text);
    if (normalized.length < 8) return 1; // "+1", "thanks!": short replies repeat innocently
    const digest = createHmac('sha256', this.key).update(normalized).digest('base64url');
    const key = `${this.config.queuePrefix}:moderation:dup:${digest}`;
    const [, , [, count]] = (await this.redis
      .multi()
      .sadd(key, contentId)
      .expire(key, this.config.moderation.screening.duplicateWindowSeconds)
      .scard(key)
      .exec()) as [unknown, unknown, [unknown, number]];
    return count;
  }
}
