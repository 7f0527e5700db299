// Shared only: the data source, migrations, seed and the public company directory.
// Each side's entities have their own import path (privacy rule 1):
// @unlinked/db/identity, @unlinked/db/anonymous, @unlinked/db/moderation.
export * from './data-source.js';
export * from './entities/company-domain.entity.js';
export * from './entities/company.entity.js';
export { FORUM_MIGRATIONS, IDENTITY_MIGRATIONS, MIGRATIONS } from './migrations/index.js';
export * from './seed.js';
