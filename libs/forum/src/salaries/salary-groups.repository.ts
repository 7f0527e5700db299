import { Injectable } from '@nestjs/common';
import type { CursorPart } from '@unlinked/platform';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import { SalaryLookupSort, SalarySort } from './salary.enums.js';

/** The groups a report counts in: its company, title and currency (levels and cities are finer groups of these). */
export interface SalaryGroupKey {
  company_id: string;
  title_key: string;
  currency: string;
}

const PARTS = ['total', 'base', 'bonus', 'stock', 'sign_on'] as const;
export type PayPart = (typeof PARTS)[number];

/** A salary_groups row with its company's badge. bigint columns arrive as strings. */
export type SalaryGroupRow = SalaryGroupKey & {
  level_key: string;
  city_key: string;
  scope: string;
  job_title: string;
  level: string | null;
  city: string | null;
  report_count: number;
  sign_on_count: number;
  demo_count: number;
  company_slug: string;
  company_name: string;
} & { [K in `${PayPart}_p${25 | 50 | 75}`]: string | null };

/** A keyset position: the sort value, then the tie-breakers. */
export type SalaryAfter = readonly [value: string | number, tie: string, currency: string];

/**
 * Rounded to the nearest 1,000 before it is stored: the table never holds a
 * percentile that equals one person's exact pay.
 */
const rounded = (expr: string) => `(round((${expr}) / 1000.0) * 1000)::bigint`;

const COLUMNS = PARTS.flatMap((p) => [`${p}_p25`, `${p}_p50`, `${p}_p75`]);

/**
 * Recomputes every group of one (company, title, currency) from its published
 * reports in one statement: the title, and its levels, cities and
 * level-and-city pairs (GROUPING SETS). Amount columns are filled only for a
 * group of at least $4 reports (sign-on: $4 reports that had one).
 */
const RECOMPUTE = `
  WITH r AS (
    SELECT job_title, level, level_key, city, city_key, base_pay AS base, bonus, stock, sign_on, demo,
           base_pay + bonus + stock AS total
    FROM salary_reports
    WHERE company_id = $1 AND title_key = $2 AND currency = $3 AND status = 'published'
  ), g AS (
    SELECT CASE WHEN GROUPING(level_key) = 0 AND GROUPING(city_key) = 0 THEN 'level_city'
                WHEN GROUPING(level_key) = 0 THEN 'level'
                WHEN GROUPING(city_key) = 0 THEN 'city' ELSE 'title' END AS scope,
           GROUPING(level_key) = 0 AS by_level,
           level_key, city_key,
           mode() WITHIN GROUP (ORDER BY job_title) AS job_title,
           mode() WITHIN GROUP (ORDER BY level) AS level,
           mode() WITHIN GROUP (ORDER BY city) AS city,
           count(*)::int AS n,
           count(sign_on)::int AS sign_on_n,
           (count(*) FILTER (WHERE demo))::int AS demo_n,
           ${PARTS.map((p) => `percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY ${p}) AS ${p}`).join(',\n           ')}
    FROM r
    GROUP BY GROUPING SETS ((), (level_key), (city_key), (level_key, city_key))
  )
  INSERT INTO salary_groups (company_id, title_key, level_key, city_key, currency, scope, job_title, level, city,
                             report_count, sign_on_count, demo_count, ${COLUMNS.join(', ')})
  SELECT $1, $2, coalesce(level_key, ''), coalesce(city_key, ''), $3, scope, job_title,
         CASE WHEN by_level THEN level END, CASE WHEN scope IN ('city', 'level_city') THEN city END,
         n, sign_on_n, demo_n,
         ${PARTS.flatMap((p) =>
           [1, 2, 3].map(
             (i) => `CASE WHEN ${p === 'sign_on' ? 'sign_on_n' : 'n'} >= $4 THEN ${rounded(`${p}[${i}]`)} END`,
           ),
         ).join(',\n         ')}
  FROM g
  -- An empty title yields one () row with n = 0; reports without a level are in no level group.
  WHERE n > 0 AND NOT (by_level AND level_key IS NULL)`;

const SELECT = `SELECT g.*, c.slug AS company_slug, c.name AS company_name
  FROM salary_groups g JOIN companies c ON c.id = g.company_id`;

/** Whether a group's figures may be shown: enough reports now (SALARY_MIN_REPORTS may have been raised since). */
const VISIBLE = `(g.report_count >= $K AND g.total_p50 IS NOT NULL)`;

interface SortSql {
  /** The sort value, descending unless `asc`. */
  expr: string;
  asc?: boolean;
  key: CursorPart;
  cursor: (r: SalaryGroupRow) => string | number;
}

export const GROUP_SORTS: Record<SalarySort, SortSql> = {
  [SalarySort.Reports]: { expr: 'g.report_count', key: 'number', cursor: (r) => r.report_count },
  [SalarySort.MedianTotal]: {
    expr: `(CASE WHEN ${VISIBLE} THEN g.total_p50 ELSE -1 END)`,
    key: 'number',
    cursor: (r) => Number(r.total_p50 ?? -1),
  },
  [SalarySort.Title]: { expr: 'g.title_key', asc: true, key: 'string', cursor: (r) => r.title_key },
};

export const LOOKUP_SORTS: Record<SalaryLookupSort, SortSql> = {
  [SalaryLookupSort.MedianTotal]: { expr: 'g.total_p50', key: 'number', cursor: (r) => Number(r.total_p50) },
  [SalaryLookupSort.Reports]: { expr: 'g.report_count', key: 'number', cursor: (r) => r.report_count },
  [SalaryLookupSort.Company]: { expr: 'g.company_name', asc: true, key: 'string', cursor: (r) => r.company_name },
};

/** `WHERE` and `ORDER BY` of a keyset page on (sort value, tie, currency). */
function keyset(sort: SortSql, tie: string, after: SalaryAfter | null, params: unknown[]) {
  const dir = sort.asc ? 'ASC' : 'DESC';
  let where = '';
  if (after) {
    params.push(...after);
    const n = params.length;
    where = ` AND (${sort.expr}, ${tie}, g.currency) ${sort.asc ? '>' : '<'} ($${n - 2}, $${n - 1}, $${n})`;
  }
  return { where, order: ` ORDER BY ${sort.expr} ${dir}, ${tie} ${dir}, g.currency ${dir}` };
}

const withK = (sql: string, k: number) => sql.replaceAll('$K', String(Math.trunc(k)));

/**
 * Salary aggregates (salary_groups): recomputed per (company, title,
 * currency) when a report enters or leaves publication, read by pages that
 * never touch salary_reports.
 */
@Injectable()
export class SalaryGroupsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /**
   * Rebuilds the groups of `key` inside the caller's transaction (the one that
   * published or withdrew a report). A transaction-scoped advisory lock per
   * (company, title, currency) makes concurrent recomputations of one title
   * take turns: each runs its statements after the previous one committed, so
   * under READ COMMITTED it counts every report published so far, its own
   * included, and the last writer's result is complete.
   */
  async recompute(manager: EntityManager, key: SalaryGroupKey, minReports: number): Promise<void> {
    const args = [key.company_id, key.title_key, key.currency];
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2 || '/' || $3, 14))`, args);
    await manager.query(`DELETE FROM salary_groups WHERE company_id = $1 AND title_key = $2 AND currency = $3`, args);
    await manager.query(RECOMPUTE, [...args, minReports]);
  }

  /**
   * Groups whose stored figures disagree with `minReports` (it was lowered
   * since they were computed, so they hold NULL amounts though large enough).
   */
  stale(minReports: number): Promise<SalaryGroupKey[]> {
    return this.dataSource.query(
      `SELECT DISTINCT company_id, title_key, currency FROM salary_groups
       WHERE (report_count >= $1 AND total_p50 IS NULL) OR (report_count < $1 AND total_p50 IS NOT NULL)`,
      [minReports],
    );
  }

  /** A page of a company's titles (scope title), in any size. */
  titles(
    companyId: string,
    currency: string | undefined,
    sort: SalarySort,
    after: SalaryAfter | null,
    limit: number,
    minReports: number,
  ): Promise<SalaryGroupRow[]> {
    const params: unknown[] = [companyId, currency ?? null];
    const page = keyset(GROUP_SORTS[sort], 'g.title_key', after, params);
    return this.dataSource.query(
      withK(
        `${SELECT} WHERE g.company_id = $1 AND g.scope = 'title' AND ($2::text IS NULL OR g.currency = $2)${page.where}
         ${page.order} LIMIT ${Number(limit)}`,
        minReports,
      ),
      params,
    );
  }

  /**
   * The visible levels and cities of some of a company's titles (level-and-city
   * groups serve the lookup; on a company's page they would multiply its rows).
   */
  breakdown(
    companyId: string,
    titles: readonly Pick<SalaryGroupKey, 'title_key' | 'currency'>[],
    minReports: number,
  ): Promise<SalaryGroupRow[]> {
    if (titles.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      withK(
        `${SELECT} WHERE g.company_id = $1 AND g.scope IN ('level', 'city') AND ${VISIBLE}
           AND (g.title_key, g.currency) IN (SELECT * FROM unnest($2::text[], $3::text[]))
         ORDER BY g.scope, g.report_count DESC, g.level_key, g.city_key`,
        minReports,
      ),
      [companyId, titles.map((t) => t.title_key), titles.map((t) => t.currency)],
    );
  }

  /** Title groups of several companies for the given titles (the comparison's cells). */
  titlesOf(
    companyIds: readonly string[],
    titles: readonly Pick<SalaryGroupKey, 'title_key' | 'currency'>[],
  ): Promise<SalaryGroupRow[]> {
    return this.dataSource.query(
      `${SELECT} WHERE g.company_id = ANY($1::uuid[]) AND g.scope = 'title'
         AND (g.title_key, g.currency) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [companyIds, titles.map((t) => t.title_key), titles.map((t) => t.currency)],
    );
  }

  /**
   * "What would I earn": per company (and currency), the finest visible group
   * of the title that matches the level and city asked for: level and city,
   * else level, else city, else the whole title.
   */
  lookup(
    q: { titleKey: string; levelKey: string | null; cityKey: string | null; currency: string | null },
    sort: SalaryLookupSort,
    after: SalaryAfter | null,
    limit: number,
    minReports: number,
  ): Promise<SalaryGroupRow[]> {
    const params: unknown[] = [q.titleKey, q.levelKey, q.cityKey, q.currency];
    const page = keyset(LOOKUP_SORTS[sort], 'g.company_id', after, params);
    return this.dataSource.query(
      withK(
        `SELECT * FROM (
           SELECT DISTINCT ON (g.company_id, g.currency) g.*, c.slug AS company_slug, c.name AS company_name
           FROM salary_groups g JOIN companies c ON c.id = g.company_id
           WHERE g.title_key = $1 AND ${VISIBLE} AND ($4::text IS NULL OR g.currency = $4)
             AND (g.scope = 'title'
               OR (g.scope = 'level' AND g.level_key = $2)
               OR (g.scope = 'city' AND g.city_key = $3)
               OR (g.scope = 'level_city' AND g.level_key = $2 AND g.city_key = $3))
           ORDER BY g.company_id, g.currency,
             CASE g.scope WHEN 'level_city' THEN 0 WHEN 'level' THEN 1 WHEN 'city' THEN 2 ELSE 3 END
         ) g WHERE true${page.where}${page.order} LIMIT ${Number(limit)}`,
        minReports,
      ),
      params,
    );
  }
}
