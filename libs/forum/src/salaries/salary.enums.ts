import { registerEnumType } from '@nestjs/graphql';

/** Stored and signed as the lower-case value. */
export enum SalaryEmploymentType {
  FullTime = 'full_time',
  PartTime = 'part_time',
  Contract = 'contract',
  Intern = 'intern',
}

/** Which reports a group holds: every report of a title, or those of one level, one city, or both. */
export enum SalaryScope {
  Title = 'title',
  Level = 'level',
  City = 'city',
  LevelCity = 'level_city',
}

export enum SalarySort {
  /** Most reports first. */
  Reports = 'reports',
  /** Highest median total compensation first (groups below the threshold last). */
  MedianTotal = 'median_total',
  /** By normalised title, A to Z. */
  Title = 'title',
}

registerEnumType(SalaryEmploymentType, { name: 'SalaryEmploymentType' });
registerEnumType(SalaryScope, {
  name: 'SalaryScope',
  description: 'The group a figure describes: a title, or a title at one level, in one city, or both.',
});
registerEnumType(SalarySort, { name: 'SalarySort' });

export enum SalaryLookupSort {
  MedianTotal = 'median_total',
  Reports = 'reports',
  /** By company name, A to Z. */
  Company = 'company',
}
registerEnumType(SalaryLookupSort, { name: 'SalaryLookupSort' });
