export * from './companies.module.js';
export * from './companies.service.js';
export * from './models/company.model.js';
