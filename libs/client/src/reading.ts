/**
 * @unlinked/client/reading: the part of the client core that reading needs (transport, typed operations, errors,
 * token timing, storage types), without the curves. The web app's first load imports only this; the issuance and
 * write flows (index.ts) come with the pages that write. Everything here is also exported by index.ts.
 */
export * from './operations/index.js';
export * from './errors.js';
export * from './transport.js';
export * from './storage.js';
export * from './schedule.js';
export type { TokenKind } from './storage.js';
export type { TokenKind as GqlTokenKind } from './operations/generated.js';
