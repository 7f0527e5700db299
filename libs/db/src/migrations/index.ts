import { Companies1764100000000 } from './1764100000000-Companies.js';
import { Moderation17643000000000 } from './17643000000000-Moderation.js';

/** Every migration in order. A merged migration is never edited: add a new one. */
export const MIGRATIONS = [Companies1764100000000, Moderation17643000000000];
