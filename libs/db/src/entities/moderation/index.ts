import { ContentFlagEntity } from './content-flag.entity.js';
import { ModerationAuditEntity } from './moderation-audit.entity.js';
import { ModerationItemEntity } from './moderation-item.entity.js';

export * from './content-flag.entity.js';
export * from './moderation-audit.entity.js';
export * from './moderation-item.entity.js';

export const MODERATION_ENTITIES = [ModerationItemEntity, ContentFlagEntity, ModerationAuditEntity];
