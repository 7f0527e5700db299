import { CompanyDomainEntity } from './company-domain.entity.js';
import { CompanyEntity } from './company.entity.js';
import { MODERATION_ENTITIES } from './moderation/index.js';

export * from './company-domain.entity.js';
export * from './company.entity.js';
export * from './moderation/index.js';

/** Every entity, for the data source. Features append theirs here. */
export const ENTITIES = [CompanyEntity, CompanyDomainEntity, ...MODERATION_ENTITIES];
