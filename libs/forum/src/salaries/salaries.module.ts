import { Module } from '@nestjs/common';
import { ForumCoreModule } from '../forum-core.module.js';
import { SalaryDemoSeed } from './salary-demo-seed.js';
import { SalaryGroupsRefresh } from './salary-groups-refresh.js';
import { SalaryReadService } from './salary-read.service.js';
import { SalariesResolver } from './salaries.resolver.js';
import { SalariesService } from './salaries.service.js';

/** Salary reports and their aggregates (issue 14), on the anonymous side. */
@Module({
  imports: [ForumCoreModule],
  providers: [SalariesService, SalaryReadService, SalariesResolver, SalaryDemoSeed, SalaryGroupsRefresh],
})
export class SalariesModule {}
