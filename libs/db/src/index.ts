export * from './data-source.js';
export * from './entities/index.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './seed.js';
