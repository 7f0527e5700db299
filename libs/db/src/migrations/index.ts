import { ArcIssuanceCounts17645000000000 } from './17645000000000-ArcIssuanceCounts.js';
import { ArcSpentTags17646000000000 } from './17646000000000-ArcSpentTags.js';
import { CodePerClient17646100000000 } from './17646100000000-CodePerClient.js';
import { Companies1764100000000 } from './1764100000000-Companies.js';
import { Forum17642000000000 } from './17642000000000-Forum.js';
import { Identity1764200000000 } from './1764200000000-Identity.js';
import { Moderation17643000000000 } from './17643000000000-Moderation.js';
import { ModerationVisibility17643000000001 } from './17643000000001-ModerationVisibility.js';
import { OutboxDue17644000000000 } from './17644000000000-OutboxDue.js';
import { PendingRevisions17644000000001 } from './17644000000001-PendingRevisions.js';
import { PublicationSequence17646200000000 } from './17646200000000-PublicationSequence.js';
import { Salaries17647100000000 } from './17647100000000-Salaries.js';

/** Every migration in order. A merged migration is never edited: add a new one. */
export const MIGRATIONS = [
  Companies1764100000000,
  Identity1764200000000,
  Forum17642000000000,
  Moderation17643000000000,
  ModerationVisibility17643000000001,
  OutboxDue17644000000000,
  PendingRevisions17644000000001,
  ArcIssuanceCounts17645000000000,
  ArcSpentTags17646000000000,
  CodePerClient17646100000000,
  PublicationSequence17646200000000,
  Salaries17647100000000,
];
