/**
 * @unlinked/client: the framework-free client core of the web app and the CLI.
 * Transport with the privacy rules built in, typed operations generated from
 * the schema, the token wallet, authorship keys and the anonymous write flows,
 * over storage the app injects.
 */
export * from './operations/index.js';
export * from './errors.js';
export * from './transport.js';
export * from './authorship.js';
export * from './key-export.js';
export * from './storage.js';
export * from './schedule.js';
export * from './wallet.js';
export * from './arc-credentials.js';
export * from './write-flows.js';
export * from './interviews.js';
// Storage spells token kinds in lower case; the GraphQL enum of the same name is GqlTokenKind.
export type { TokenKind } from './storage.js';
export type { TokenKind as GqlTokenKind } from './operations/generated.js';
export * from './salaries.js';
export * from './pending-issuance.js';
