export * from './companies.errors.js';
export * from './companies.module.js';
export * from './companies.repository.js';
export * from './companies.service.js';
export * from './models/company.model.js';
