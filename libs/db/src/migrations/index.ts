import type { MigrationInterface } from 'typeorm';
import { ArcIssuanceCounts17645000000000 } from './17645000000000-ArcIssuanceCounts.js';
import { ArcSpentTags17646000000000 } from './17646000000000-ArcSpentTags.js';
import { CodePerClient17646100000000 } from './17646100000000-CodePerClient.js';
import { Companies1764100000000 } from './1764100000000-Companies.js';
import { Forum17642000000000 } from './17642000000000-Forum.js';
import { Interviews17647200000000 } from './17647200000000-Interviews.js';
import { ForumCompanyReplica17647400000000 } from './17647400000000-ForumCompanyReplica.js';
import { Identity1764200000000 } from './1764200000000-Identity.js';
import { Moderation17643000000000 } from './17643000000000-Moderation.js';
import { ModerationVisibility17643000000001 } from './17643000000001-ModerationVisibility.js';
import { OutboxDue17644000000000 } from './17644000000000-OutboxDue.js';
import { PendingRevisions17644000000001 } from './17644000000001-PendingRevisions.js';
import { PublicationSequence17646200000000 } from './17646200000000-PublicationSequence.js';
import { Salaries17647100000000 } from './17647100000000-Salaries.js';
import { ContentTypes17647500000000 } from './17647500000000-ContentTypes.js';
import { CompanyNamesZh17647600000000 } from './17647600000000-CompanyNamesZh.js';
import { DeploymentSettings17647700000000 } from './17647700000000-DeploymentSettings.js';

type MigrationClass = new () => MigrationInterface;

/** The public company directory: on both sides' databases. */
const SHARED_MIGRATIONS: MigrationClass[] = [Companies1764100000000];

/**
 * Identity side (attester + issuer): what runs on IDENTITY_DATABASE_URL. A new identity-side migration is
 * appended here. A merged migration is never edited: add a new one.
 */
export const IDENTITY_MIGRATIONS: MigrationClass[] = [
  ...SHARED_MIGRATIONS,
  Identity1764200000000,
  ArcIssuanceCounts17645000000000,
  CodePerClient17646100000000,
  CompanyNamesZh17647600000000,
  DeploymentSettings17647700000000,
];

/**
 * Anonymous side (origin: forum, moderation): what runs on FORUM_DATABASE_URL. A new forum-side migration
 * is appended here. A merged migration is never edited: add a new one.
 */
export const FORUM_MIGRATIONS: MigrationClass[] = [
  ...SHARED_MIGRATIONS,
  Forum17642000000000,
  Moderation17643000000000,
  ModerationVisibility17643000000001,
  OutboxDue17644000000000,
  PendingRevisions17644000000001,
  ArcSpentTags17646000000000,
  PublicationSequence17646200000000,
  Salaries17647100000000,
  Interviews17647200000000,
  ForumCompanyReplica17647400000000,
  ContentTypes17647500000000,
  CompanyNamesZh17647600000000,
  DeploymentSettings17647700000000,
];

/** One database holding both sides (the development default): every migration (TypeORM runs them in timestamp order). */
export const MIGRATIONS: MigrationClass[] = [...new Set([...IDENTITY_MIGRATIONS, ...FORUM_MIGRATIONS])];
