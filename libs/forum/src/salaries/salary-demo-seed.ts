import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { seedIfEmpty } from '@unlinked/db';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { bucketed } from '../time-bucket.js';
import { foldKey, levelKey } from './job-titles.js';
import { SalaryGroupsRepository } from './salary-groups.repository.js';

/** Companies of the seed data set with their level ladders, cities and a base-pay scale (CNY per year). */
const COMPANIES = [
  { slug: 'alibaba', levels: ['P5', 'P6', 'P7', 'P8'], cities: ['Hangzhou', 'Beijing', 'Shanghai'], base: 300_000 },
  { slug: 'tencent', levels: ['9', '10', '11', '12'], cities: ['Shenzhen', 'Beijing', 'Shanghai'], base: 310_000 },
  {
    slug: 'bytedance',
    levels: ['1-2', '2-1', '2-2', '3-1'],
    cities: ['Beijing', 'Shanghai', 'Hangzhou'],
    base: 340_000,
  },
  { slug: 'baidu', levels: ['T4', 'T5', 'T6', 'T7'], cities: ['Beijing', 'Shanghai'], base: 270_000 },
  { slug: 'meituan', levels: ['L6', 'L7', 'L8', 'L9'], cities: ['Beijing', 'Shanghai'], base: 280_000 },
] as const;

/** Listed titles and how their pay compares with a software engineer's. */
const TITLES = [
  { key: 'software-engineer', name: 'Software Engineer', scale: 1, reports: 14 },
  { key: 'product-manager', name: 'Product Manager', scale: 0.95, reports: 8 },
  { key: 'data-scientist', name: 'Data Scientist', scale: 1.05, reports: 7 },
  { key: 'frontend-engineer', name: 'Frontend Engineer', scale: 0.9, reports: 4 },
] as const;

const BUCKETS = ['lt1', '1to3', '3to5', '5to10', 'gt10'] as const;

/** mulberry32: a small seeded generator, so every fresh install gets the same demo figures. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const thousand = (n: number) => Math.round(n / 1000) * 1000;

/** The demo reports: realistic, deterministic, with one title per company too small to show. */
export function demoSalaryReports(companyIds: Map<string, string>) {
  const rand = generator(14);
  const rows: unknown[][] = [];
  for (const c of COMPANIES) {
    const companyId = companyIds.get(c.slug);
    if (!companyId) continue;
    for (const t of TITLES) {
      for (let i = 0; i < t.reports; i++) {
        const li = Math.floor(rand() * c.levels.length);
        const base = thousand(c.base * t.scale * (1 + 0.3 * li) * (0.88 + rand() * 0.24));
        const level = c.levels[li];
        const city = c.cities[Math.floor(rand() * c.cities.length)];
        rows.push([
          companyId,
          t.name,
          t.key,
          level,
          levelKey(level),
          city,
          foldKey(city),
          BUCKETS[Math.min(4, li + Math.floor(rand() * 2))],
          BUCKETS[Math.floor(rand() * 3)],
          base,
          thousand(base * (0.1 + rand() * 0.2)),
          thousand(base * li * 0.12 * rand()),
          rand() < 0.2 ? thousand(30_000 + rand() * 70_000) : null,
        ]);
      }
    }
  }
  return rows;
}

/**
 * Development only (SEED_DEMO_SALARIES, never in production): a database
 * without salary reports gets demo reports for a few seeded companies, marked
 * `demo` (the pages say so), published at once and counted into the
 * aggregates through the same recomputation as real reports.
 */
@Injectable()
export class SalaryDemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly groups: SalaryGroupsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoSalaries) return;
    await this.seed();
  }

  /** Returns how many reports it added (0 when any report exists). */
  async seed(): Promise<number> {
    if (this.config.seedOnEmpty) await seedIfEmpty(this.dataSource);
    return this.dataSource.transaction(async (m) => {
      const any = (await m.query(`SELECT 1 FROM salary_reports LIMIT 1`)) as unknown[];
      if (any.length > 0) return 0;
      const companies = (await m.query(`SELECT id, slug FROM companies WHERE slug = ANY($1)`, [
        COMPANIES.map((c) => c.slug),
      ])) as { id: string; slug: string }[];
      const rows = demoSalaryReports(new Map(companies.map((c) => [c.slug, c.id])));
      const createdAt = bucketed(this.config.anonymity.timeBucketSeconds);
      for (const r of rows) {
        await m.query(
          `INSERT INTO salary_reports (company_id, author_key, job_title, title_key, level, level_key, city, city_key,
             experience, tenure, employment_type, currency, base_pay, bonus, stock, sign_on, status, created_at,
             published_seq, demo)
           VALUES ($1, sha256(gen_random_uuid()::text::bytea), $2, $3, $4, $5, $6, $7, $8, $9, 'full_time', 'CNY',
             $10, $11, $12, $13, 'published', $14, nextval('publication_seq'), true)`,
          [...r, createdAt],
        );
      }
      for (const c of companies) {
        for (const t of TITLES) {
          await this.groups.recompute(
            m,
            { company_id: c.id, title_key: t.key, currency: 'CNY' },
            this.config.anonymity.minSalaryReports,
          );
        }
      }
      if (rows.length > 0) this.logger.log(`Seeded ${rows.length} demo salary reports`);
      return rows.length;
    });
  }
}
