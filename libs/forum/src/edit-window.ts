import type { AppConfig } from '@unlinked/config';
import { ForumError, ForumErrorCode } from './forum.errors.js';

/**
 * Stored creation times are bucket starts, so the true creation time lies in
 * [createdAt, createdAt + bucket). The window is measured from the end of the
 * bucket: never shorter than EDIT_WINDOW_MINUTES, at most one bucket longer.
 */
export function assertEditable(config: AppConfig, createdAt: Date, now = new Date()): void {
  const closes =
    createdAt.getTime() + config.anonymity.timeBucketSeconds * 1000 + config.anonymity.editWindowMinutes * 60_000;
  if (now.getTime() > closes) throw new ForumError(ForumErrorCode.EditWindowClosed);
}
