import { CompanyDomainEntity } from './company-domain.entity.js';
import { CompanyEntity } from './company.entity.js';
import { ANONYMOUS_ENTITIES } from './anonymous/index.js';
import { AccountEntity, IssuanceCountEntity, SessionEntity, VerificationCodeEntity } from './identity/index.js';
import { MODERATION_ENTITIES } from './moderation/index.js';

/** Every entity, for the data source. Features append theirs here. */
export const ENTITIES = [
  CompanyEntity,
  CompanyDomainEntity,
  ...ANONYMOUS_ENTITIES,
  AccountEntity,
  VerificationCodeEntity,
  SessionEntity,
  IssuanceCountEntity,
  ...MODERATION_ENTITIES,
];
