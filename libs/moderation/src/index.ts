export * from './author/author-proof.js';
export * from './moderation-core.module.js';
export * from './moderation.module.js';
export * from './moderation.processor.js';
export * from './screening/screening.engine.js';
export * from './moderation-worker.module.js';
