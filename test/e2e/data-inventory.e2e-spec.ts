import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueueName } from '@unlinked/jobs';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../support/test-database.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

/** `### \`table\`` headings, each followed by rows `| \`column\` | ... |`. */
function parseInventory(markdown: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^###\s+`([a-z0-9_]+)`\s*$/.exec(line);
    if (heading) {
      current = new Set();
      tables.set(heading[1], current);
      continue;
    }
    if (/^#{1,3} /.test(line)) current = undefined;
    const row = /^\|\s*`([a-z0-9_]+)`\s*\|/.exec(line);
    if (row && current) current.add(row[1]);
  }
  return tables;
}

/**
 * The key patterns of the `## Redis` table (first column), as expressions over a key without QUEUE_PREFIX:
 * `<queue>` is one of the queue names, any other `<name>` one segment (no colon), `*` anything.
 */
function redisPatterns(markdown: string): { pattern: string; re: RegExp }[] {
  const section = markdown.slice(markdown.indexOf('\n## Redis\n'));
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map(([, pattern]) => {
    const source = pattern
      .split(/(<[a-z]+>|\*)/)
      .map((part) =>
        part === '<queue>'
          ? `(?:${Object.values(QueueName).join('|')})`
          : part === '*'
            ? '.+'
            : /^<[a-z]+>$/.test(part)
              ? '[^:]+'
              : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    return { pattern, re: new RegExp(`^${source}$`) };
  });
}

describe('data inventory (docs/data-inventory.md) matches the live schema', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('lists every table and column after migrations, and nothing else', async () => {
    const rows = (await api.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    )) as { table_name: string; column_name: string }[];
    const live = new Map<string, string[]>();
    for (const r of rows) live.set(r.table_name, [...(live.get(r.table_name) ?? []), r.column_name]);
    const inventory = parseInventory(readFileSync(join(process.cwd(), 'docs/data-inventory.md'), 'utf8'));

    const missing = [...live].flatMap(([t, cols]) =>
      inventory.has(t) ? cols.filter((c) => !inventory.get(t)!.has(c)).map((c) => `${t}.${c}`) : [`${t} (table)`],
    );
    const stale = [...inventory].flatMap(([t, cols]) =>
      live.has(t) ? [...cols].filter((c) => !live.get(t)!.includes(c)).map((c) => `${t}.${c}`) : [`${t} (table)`],
    );
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(inventory.size).toBeGreaterThan(5);
  });

  it('documents every Redis key the API writes, each (but the queues) with an expiry', async () => {
    const patterns = redisPatterns(readFileSync(join(process.cwd(), 'docs/data-inventory.md'), 'utf8'));
    expect(patterns.map((p) => p.pattern)).toEqual(expect.arrayContaining(['rl:client-key:<day>', '<queue>:*']));
    // A code request, a right and a wrong check: the rate limits, the client key and the mail queue.
    const email = 'inventory@initech-inventory.com';
    const ask = await api.gql('mutation($e: String!) { requestVerificationCode(email: $e) { sent } }', { e: email });
    expect(ask.errors).toBeUndefined();
    const check = await api.gql('mutation($e: String!) { verifyCode(email: $e, code: "000000") { token } }', {
      e: email,
    });
    expect(check.errors?.[0].extensions?.code).toMatch(/INVALID_CODE/);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const prefix = `${api.config.queuePrefix}:`;
      const keys = (await redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length));
      expect(keys.filter((k) => k.startsWith('rl:')).length).toBeGreaterThanOrEqual(4);
      const undocumented = keys.filter((k) => !patterns.some((p) => p.re.test(k)));
      expect(undocumented).toEqual([]);
      const queue = patterns.find((p) => p.pattern === '<queue>:*')!.re;
      for (const key of keys.filter((k) => !queue.test(k))) {
        expect([key, (await redis.ttl(prefix + key)) > 0]).toEqual([key, true]);
      }
    } finally {
      redis.disconnect();
    }
  });

  it('puts the spent ARC tags on the anonymous side, with nothing that names a credential or a write', async () => {
    const markdown = readFileSync(join(process.cwd(), 'docs/data-inventory.md'), 'utf8');
    const anonymous = markdown.slice(markdown.indexOf('## Anonymous side'), markdown.indexOf('## Identity side'));
    expect(anonymous).toContain('### `spent_arc_tags`');
    const columns = (await api.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'spent_arc_tags' ORDER BY column_name`,
    )) as { column_name: string }[];
    // Key, context and tag only: no column points at the vote, flag or review the tag paid for.
    expect(columns.map((c) => c.column_name)).toEqual(['context', 'expires_at', 'key_id', 'tag']);
    const [{ n: keys }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.table_constraints
       WHERE table_name = 'spent_arc_tags' AND constraint_type = 'FOREIGN KEY'`,
    )) as { n: number }[];
    expect(keys).toBe(0);
  });
});
