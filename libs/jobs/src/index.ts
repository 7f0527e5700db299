export * from './jobs.js';
export * from './job-registry.js';
