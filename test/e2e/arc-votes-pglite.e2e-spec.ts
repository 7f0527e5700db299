// Issue 11 on embedded PGlite (the development default): of many concurrent presentations with one tag exactly one
// votes, and a refused vote rolls back nothing of another's. (PGlite's one session runs one transaction at a time,
// libs/db pglite-serial.ts; what that pool adds is tested in test/integration/pglite-transactions.spec.ts.)
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { expect, it, jest } from '@jest/globals';
import { arcRedemptionContext } from '@unlinked/arc';
import { loadConfig } from '@unlinked/config';
import { FORUM_DB } from '@unlinked/db/anonymous';
import type { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { ArcHolder } from '../support/forum-client.js';
import { postAll } from '../support/graphql-agent.js';
import { LogCapture } from '../support/log-capture.js';
import { clearRedisPrefix, testEnv } from '../support/test-app.js';
import { HEAVY_TEST_MS } from '../support/timing.js';

// PGlite (WebAssembly) migrates at boot, then 1,020 ARC verifications: minutes on a loaded machine.
jest.setTimeout(HEAVY_TEST_MS);

const VOTE = /* GraphQL */ `
  mutation Vote($input: VoteInput!, $token: String) {
    vote(input: $input, token: $token) {
      score
    }
  }
`;

it('of 1,000 concurrent presentations with one tag exactly one votes on PGlite; 20 other voters all count', async () => {
  const config = loadConfig(testEnv(undefined, { SEED_ON_EMPTY: 'false' }));
  expect(config.databaseUrl).toBeUndefined();
  const app = await createApi(config, { logStream: new LogCapture(), schemaFile: true });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const db = app.get<symbol, DataSource>(FORUM_DB);
    const [company] = (await db.query(
      `INSERT INTO companies (slug, name, status) VALUES ('pglite-co', 'PGlite Co', 'confirmed') RETURNING id, slug`,
    )) as { id: string; slug: string }[];
    const [{ id }] = (await db.query(
      `INSERT INTO threads (company_id, title, body, author_key, status, published_seq, created_at, last_activity_at)
       VALUES ($1, 'A thread', 'On PGlite.', $2, 'published', nextval('publication_seq'), date_trunc('hour', now()),
               date_trunc('hour', now()))
       RETURNING id`,
      [company.id, randomBytes(32)],
    )) as { id: string }[];
    const me = new ArcHolder({ app }, company);
    // 50 distinct presentations of one tag, each sent 20 times (see arc-votes.e2e-spec.ts).
    const distinct = Array.from({ length: 50 }, () => me.vote('thread', id));
    const mine = Array.from({ length: 1000 }, (_, i) => distinct[i % 50]);
    const others = Array.from({ length: 20 }, () => new ArcHolder({ app }, company).vote('thread', id));
    const input = { companySlug: company.slug, targetType: 'Thread', targetId: id, value: 'Up' };
    const results = await postAll(
      `http://127.0.0.1:${port}`,
      [...mine, ...others].map((token) => ({ query: VOTE, variables: { input, token } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.slice(0, 1000).filter((r) => !r.errors)).toHaveLength(1);
    expect(new Set(results.slice(0, 1000).flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []))).toEqual(
      new Set(['ALREADY_VOTED']),
    );
    expect(results.slice(1000).filter((r) => r.errors)).toEqual([]);
    const [row] = (await db.query(
      `SELECT (SELECT score FROM threads WHERE id = $1) AS score,
              (SELECT count(*)::int FROM votes WHERE target_id = $1) AS votes,
              (SELECT count(*)::int FROM spent_arc_tags WHERE context = $2) AS tags`,
      [id, Buffer.from(arcRedemptionContext('vote', `thread:${id}`))],
    )) as { score: number; votes: number; tags: number }[];
    expect(row).toEqual({ score: 21, votes: 21, tags: 21 });
  } finally {
    await app.close();
    await clearRedisPrefix(config.queuePrefix);
    rmSync(config.dataDir, { recursive: true, force: true });
  }
});
