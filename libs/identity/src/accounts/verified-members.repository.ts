import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectIdentityDb } from '@unlinked/db/identity';

/**
 * `companies.verified_members`: the count of accounts verified within the
 * verification period, kept by the identity side (a number, never a list)
 * and read by both sides for the board threshold (privacy rule 9).
 */
@Injectable()
export class VerifiedMembersRepository {
  constructor(@InjectIdentityDb() private readonly dataSource: DataSource) {}

  /** Adds `by` (±1), never below zero. */
  async bump(companyId: string, by: number, manager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE companies SET verified_members = GREATEST(0, verified_members + $2) WHERE id = $1`, [
      companyId,
      by,
    ]);
  }

  /** Recounts one company from its accounts verified within the last `months`. */
  async recount(companyId: string, months: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE companies SET verified_members = (
         SELECT count(*)::int FROM accounts
          WHERE company_id = $1 AND verified_on > current_date - make_interval(months => $2))
       WHERE id = $1`,
      [companyId, months],
    );
  }

  /** Recounts every company; the number of companies whose count changed. */
  async recountAll(months: number, manager = this.dataSource.manager): Promise<number> {
    const [{ n }] = (await manager.query(
      `WITH counts AS (
         SELECT c.id, count(a.id)::int AS n
           FROM companies c
           LEFT JOIN accounts a
             ON a.company_id = c.id AND a.verified_on > current_date - make_interval(months => $1)
          GROUP BY c.id),
       u AS (
         UPDATE companies c SET verified_members = counts.n FROM counts
          WHERE counts.id = c.id AND c.verified_members <> counts.n RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [months],
    )) as { n: number }[];
    return n;
  }
}
