import { AccountEntity } from './account.entity.js';
import { IssuanceCountEntity } from './issuance-count.entity.js';
import { SessionEntity } from './session.entity.js';
import { VerificationCodeEntity } from './verification-code.entity.js';

export * from './account.entity.js';
export * from './issuance-count.entity.js';
export * from './session.entity.js';
export * from './verification-code.entity.js';
export * from './connection.js';

/**
 * Identity-side entities (attester + issuer). A new identity-side table: its entity here, its migration in
 * IDENTITY_MIGRATIONS (libs/db/src/migrations/index.ts).
 */
export const IDENTITY_ENTITIES = [AccountEntity, VerificationCodeEntity, SessionEntity, IssuanceCountEntity];
