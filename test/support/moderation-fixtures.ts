import { randomBytes, randomUUID } from 'node:crypto';
import type { ModerationOperation } from '@unlinked/authorship';
import { ed25519 } from '@noble/curves/ed25519.js';
import { getQueueToken } from '@nestjs/bullmq';
import { JobName, QueueName } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { moderationMessage } from '@unlinked/moderation';
import type { TestApi } from './test-app.js';
import { until } from './until.js';
export { until };

export interface Staff {
  token: string;
  accountId: string;
  header: Record<string, string>;
}

export function staff(): Staff {
  const token = randomBytes(16).toString('hex');
  return { token, accountId: randomUUID(), header: { authorization: `Bearer ${token}` } };
}

export function staffTokens(entries: [Staff, 'member' | 'moderator' | 'admin'][]): string {
  return entries.map(([s, role]) => `${s.token}=${role}:${s.accountId}`).join(',');
}

/** An author's per-thread key pair, as the client would make it. */
export function authorKey() {
  const secretKey = ed25519.utils.randomSecretKey();
  return {
    secretKey,
    publicKey: ed25519.getPublicKey(secretKey),
    sign(op: ModerationOperation, fields: string[]): string {
      return Buffer.from(ed25519.sign(moderationMessage(op, fields), secretKey)).toString('base64url');
    },
  };
}

export async function companies(dataSource: DataSource): Promise<{ id: string; slug: string }[]> {
  return dataSource.query(`SELECT id, slug FROM companies ORDER BY slug LIMIT 3`);
}

/** Inserts a pending thread straight into the anonymous side's table, as the forum's write path would. */
export async function insertThread(
  dataSource: DataSource,
  companyId: string,
  body: string,
  key: Uint8Array,
  boardSlug: string | null = null,
): Promise<string> {
  const [{ id }] = (await dataSource.query(
    `INSERT INTO threads (company_id, board_slug, title, body, author_key, status, created_at, last_activity_at)
     VALUES ($1, $2, 'A thread', $3, $4, 'pending', date_trunc('hour', now()), date_trunc('hour', now())) RETURNING id`,
    [companyId, boardSlug, body, Buffer.from(key)],
  )) as { id: string }[];
  return id;
}

export function moderationQueue(api: TestApi): Queue {
  return api.app.get<Queue>(getQueueToken(QueueName.Moderation), { strict: false });
}

export async function screen(api: TestApi, contentId: string, jobId?: string): Promise<void> {
  await moderationQueue(api).add(
    JobName.ScreenContent,
    { contentType: 'thread', contentId },
    jobId ? { jobId } : undefined,
  );
}

/** Polls until `check` returns a truthy value, failing after `ms` (bounded; no sleeps to win races). */

export async function threadStatus(dataSource: DataSource, id: string): Promise<string> {
  const [row] = (await dataSource.query(`SELECT status FROM threads WHERE id = $1`, [id])) as { status: string }[];
  return row.status;
}

export async function itemOf(
  dataSource: DataSource,
  contentId: string,
): Promise<{ id: string; state: string; queue_reason: string | null; version: number } | undefined> {
  const [row] = (await dataSource.query(
    `SELECT id, state, queue_reason, version FROM moderation_items WHERE content_id = $1`,
    [contentId],
  )) as { id: string; state: string; queue_reason: string | null; version: number }[];
  return row;
}
