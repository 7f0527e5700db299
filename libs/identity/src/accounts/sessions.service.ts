import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { AccountRole } from '@unlinked/db/identity';
import type { EntityManager } from 'typeorm';
import { newSessionToken, sessionTokenHash } from '../identity.crypto.js';
import { SessionsRepository } from './sessions.repository.js';

const DAY_MS = 86_400_000;

/** The signed-in account, as resolved from a bearer session. */
export interface SessionAccount {
  readonly sessionId: string;
  readonly accountId: string;
  readonly companyId: string;
  readonly role: AccountRole;
  /** YYYY-MM-DD of the last verification. */
  readonly verifiedOn: string;
}

function ceilDay(ms: number): Date {
  return new Date(Math.ceil(ms / DAY_MS) * DAY_MS);
}

/**
 * Opaque 256-bit bearer tokens, stored only as HMACs. A session ends after
 * SESSION_IDLE_DAYS without use or SESSION_MAX_DAYS after creation. The idle
 * deadline moves in whole days, written at most once a day, so the table does
 * not record when an account was last active to better than a day (it would
 * otherwise time-stamp every issuance, against privacy rule 2).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(accountId: string, manager?: EntityManager): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSessionToken(this.config.secrets.sessionSecret);
    const now = Date.now();
    const absolute = new Date(now + this.config.identity.sessionMaxDays * DAY_MS);
    const idle = ceilDay(now + this.config.identity.sessionIdleDays * DAY_MS);
    const expiresAt = idle < absolute ? idle : absolute;
    await this.sessions.insert({ tokenHash: hash, accountId, expiresAt, absoluteExpiresAt: absolute }, manager);
    return { token, expiresAt };
  }

  /** The account behind a bearer token, or null if unknown or expired. Extends the idle deadline once a day. */
  async authenticate(token: string): Promise<SessionAccount | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const hash = sessionTokenHash(this.config.secrets.sessionSecret, token);
    const row = await this.sessions.findLive(hash);
    if (!row) return null;
    const idle = ceilDay(Date.now() + this.config.identity.sessionIdleDays * DAY_MS);
    const next = idle < row.absoluteExpiresAt ? idle : row.absoluteExpiresAt;
    if (next.getTime() > new Date(row.expiresAt).getTime()) await this.sessions.extend(row.sessionId, next);
    return {
      sessionId: row.sessionId,
      accountId: row.accountId,
      companyId: row.companyId,
      role: row.role,
      verifiedOn: row.verifiedOn,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }
}
