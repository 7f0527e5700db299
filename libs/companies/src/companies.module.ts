import { Module } from '@nestjs/common';
import { CompaniesRepository } from './companies.repository.js';
import { CompaniesResolver } from './companies.resolver.js';
import { CompaniesService } from './companies.service.js';

@Module({
  providers: [CompaniesRepository, CompaniesResolver, CompaniesService],
  exports: [CompaniesService, CompaniesRepository],
})
export class CompaniesModule {}
