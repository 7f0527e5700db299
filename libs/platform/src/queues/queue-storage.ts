import { runSides, type AppConfig, type Side, type SideStorage } from '@unlinked/config';
import { QUEUE_SIDE, queuesOf, type QueueName } from '@unlinked/jobs';

/** The side whose Redis holds `queue` in this process (the shared maintenance queue: the forum's when it runs). */
export function queueSide(config: Pick<AppConfig, 'role'>, queue: QueueName): Side {
  const side = QUEUE_SIDE[queue];
  if (side !== 'both') return side;
  return runSides(config.role).includes('forum') ? 'forum' : 'identity';
}

/** Redis URL and key prefix of `queue` (IDENTITY_/FORUM_REDIS_URL and _QUEUE_PREFIX). */
export function queueStorage(config: Pick<AppConfig, 'role' | 'storage'>, queue: QueueName): SideStorage {
  return config.storage[queueSide(config, queue)];
}

/** The queues of the sides this process runs (ROLE); no process opens the other side's queues. */
export function processQueues(config: Pick<AppConfig, 'role'>): QueueName[] {
  return queuesOf(runSides(config.role));
}
