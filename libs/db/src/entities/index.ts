import { CompanyDomainEntity } from './company-domain.entity.js';
import { CompanyEntity } from './company.entity.js';
import { ANONYMOUS_ENTITIES } from './anonymous/index.js';
import { IDENTITY_ENTITIES } from './identity/index.js';
import { MODERATION_ENTITIES } from './moderation/index.js';

/** The public company directory: on both sides' databases (the forum's is a copy, see CompanyReplicaService). */
export const SHARED_ENTITIES = [CompanyEntity, CompanyDomainEntity];

/** What each side's database holds. New tables go in their side's list (identity/ or anonymous/, moderation/). */
export const SIDE_ENTITIES = {
  identity: [...SHARED_ENTITIES, ...IDENTITY_ENTITIES],
  forum: [...SHARED_ENTITIES, ...ANONYMOUS_ENTITIES, ...MODERATION_ENTITIES],
} as const;

/** Every entity: one database holding both sides (the development default). */
export const ENTITIES = [...new Set([...SIDE_ENTITIES.identity, ...SIDE_ENTITIES.forum])];
