import { Injectable } from '@nestjs/common';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';

export interface CompanyActivityRow {
  company_id: string;
  recent_posts: number;
}

/**
 * What is being written about: companies ranked by the threads, replies and reviews published about them in a
 * window. Only published content counts, by its stored (coarse) time; no read is ever recorded (privacy.md).
 */
@Injectable()
export class ActivityRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  mostActiveCompanies(windowHours: number, limit: number): Promise<CompanyActivityRow[]> {
    return this.dataSource.query(
      `SELECT company_id, count(*)::int AS recent_posts FROM (
         SELECT company_id FROM threads
          WHERE status = 'published' AND created_at >= now() - $1 * interval '1 hour'
         UNION ALL
         SELECT company_id FROM replies
          WHERE status = 'published' AND created_at >= now() - $1 * interval '1 hour'
         UNION ALL
         SELECT company_id FROM reviews
          WHERE status = 'published' AND created_at >= now() - $1 * interval '1 hour'
       ) recent
       GROUP BY company_id ORDER BY recent_posts DESC, company_id LIMIT ${Number(limit)}`,
      [windowHours],
    );
  }
}
