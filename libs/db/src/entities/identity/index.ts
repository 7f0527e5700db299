export * from './account.entity.js';
export * from './issuance-count.entity.js';
export * from './session.entity.js';
export * from './verification-code.entity.js';
