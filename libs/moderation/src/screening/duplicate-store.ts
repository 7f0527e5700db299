import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { FORUM_REDIS, type RedisClient } from '@unlinked/platform';
import { compactText } from './profanity.detector.js';

/** How often a text was seen: in the content's own scope, and anywhere. */
export interface DuplicateCounts {
  readonly inScope: number;
  readonly anywhere: number;
}

/**
 * Counts recent content with the same normalised text, twice: within the
 * content's scope (a reply's thread, a thread's board or company board, a
 * review's company) and anywhere. Spam repeats one text across threads and
 * boards; ordinary people repeat short phrases ("Same here, thanks for
 * sharing!") in one another's threads, so texts shorter than
 * MODERATION_DUPLICATE_MIN_LENGTH never count, and only the scoped count uses
 * the low threshold (screening.engine.ts compares both).
 *
 * Redis holds, per text (and per scope and text), a set of content ids; key
 * names are HMACs under a key derived from the master seed, so neither the
 * text nor a guessable hash of it is stored. Windows are fixed: the key names
 * the window (floor(now / WINDOW)), every key of a window expires at the same
 * instant (the end of the next window), and a count spans the current and the
 * previous window. So no TTL carries the time of a screening (privacy rule 5).
 * Adding the same content id twice (a retried job) does not count twice.
 */
@Injectable()
export class DuplicateStore {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORUM_REDIS) private readonly redis: RedisClient,
  ) {
    this.key = createHmac('sha256', config.secrets.masterSeed).update('unlinked/moderation/duplicates/v1').digest();
  }

  /**
   * Records `contentId` under its text, in `scope` and globally, and returns
   * how many distinct items share the text in the window, this one included.
   */
  async seen(text: string, contentId: string, scope: string, now: Date = new Date()): Promise<DuplicateCounts> {
    const { duplicateMinLength, duplicateWindowSeconds: window } = this.config.moderation.screening;
    const normalized = compactText(text);
    if ([...normalized].length < duplicateMinLength) return { inScope: 1, anywhere: 1 };
    const index = Math.floor(now.getTime() / 1000 / window);
    const expireAt = (index + 2) * window;
    const scoped = this.digest(`scope\0${scope}\0${normalized}`);
    const global = this.digest(`any\0${normalized}`);
    // The digest is the key's hash tag: both windows of one text share a slot, so each MULTI works on a Redis Cluster.
    const name = (digest: string, i: number) =>
      `${this.config.storage.forum.queuePrefix}:moderation:dup:{${digest}}:${i}`;
    const [inScope, anywhere] = await Promise.all(
      [scoped, global].map(async (digest) => {
        const replies =
          (await this.redis
            .multi()
            .sadd(name(digest, index), contentId)
            .expireat(name(digest, index), expireAt)
            .scard(name(digest, index))
            .scard(name(digest, index - 1))
            .exec()) ?? [];
        const failed = replies.find(([err]) => err);
        if (failed) throw failed[0] as Error;
        return Number(replies[2]?.[1] ?? 0) + Number(replies[3]?.[1] ?? 0);
      }),
    );
    return { inScope, anywhere };
  }

  private digest(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}
