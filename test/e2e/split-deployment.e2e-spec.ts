import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FORUM_MIGRATIONS, IDENTITY_MIGRATIONS } from '@unlinked/db';
import {
  base64urlEncode,
  BatchedTokenResponse,
  Client,
  IssuerDirectory,
  MEDIA_TYPES,
  parseWWWAuthenticate,
} from '@unlinked/privacy-pass';
import { Redis } from 'ioredis';
import pg from 'pg';
import { CompanyReplicaService } from '@unlinked/forum';
import { Author, waitFor } from '../support/forum-client.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { INTERNAL_API_TOKEN, SplitStorage, startService, type Service } from '../support/split-services.js';
import { adminQuery, TEST_REDIS_URL, type TestDatabase } from '../support/test-database.js';
import { LONG_WAIT_MS } from '../support/timing.js';

/** Public tables of one database, as its server's admin sees them. */
async function tablesOf(db: TestDatabase): Promise<string[]> {
  const rows = await adminQuery<{ t: string }>(
    db.name,
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

/**
 * The tables docs/data-inventory.md lists under each side's `## ` section (`### \`table\`` headings): a new table
 * is placed there (the data-inventory test insists), and this test then expects it in that side's database only.
 */
function inventoryTables(): Record<'shared' | 'anonymous' | 'identity', string[]> {
  const markdown = readFileSync(join(process.cwd(), 'docs/data-inventory.md'), 'utf8');
  const out = { shared: [] as string[], anonymous: [] as string[], identity: [] as string[] };
  let side: keyof typeof out | undefined;
  for (const line of markdown.split('\n')) {
    const section = /^## (Shared|Anonymous side|Identity side)\s*$/.exec(line);
    if (section) side = section[1].split(' ')[0].toLowerCase() as keyof typeof out;
    else if (/^## /.test(line)) side = undefined;
    const table = /^###\s+`([a-z0-9_]+)`\s*$/.exec(line);
    if (table && side) out[side].push(table[1]);
  }
  return out;
}

/**
 * The whole flow a member goes through: a code at the identity service, the forum's copy of the company opening
 * its board, a batch of tokens from the issuer, a thread paid with one at the forum, and its publication.
 * Returns the session's Authorization header.
 */
async function verifyIssuePostPublish(
  identity: Service,
  forum: Service,
  smtp: SmtpSink,
  email: string,
  slug: string,
  title: string,
): Promise<{ authorization: string }> {
  // Attester: a one-time code to a work address (a company the identity side creates on first sight).
  const asked = await identity.gql(`mutation($e: String!) { requestVerificationCode(email: $e) { sent } }`, {
    e: email,
  });
  expect(asked.errors).toBeUndefined();
  const code = await smtp.codeFor(email);
  const verified = await identity.gql<{ verifyCode: { token: string } }>(
    `mutation($e: String!, $c: String!) { verifyCode(email: $e, code: $c) { token } }`,
    { e: email, c: code },
  );
  expect(verified.errors).toBeUndefined();
  const auth = { authorization: `Bearer ${verified.data!.verifyCode.token}` };

  // The forum's copy of the company directory catches up: the company and its open board (K = 1).
  await waitFor(
    async () =>
      (
        await forum.gql<{ company: { boardOpen: boolean } }>(`query($s: String!) { company(slug: $s) { boardOpen } }`, {
          s: slug,
        })
      ).data?.company?.boardOpen === true,
    LONG_WAIT_MS,
    'the forum to copy the company and its verified count',
  );

  // Issuer: a batch of post tokens over HTTP, as a client fetches them.
  const base = `${identity.url}/privacy-pass/${slug}/post`;
  const directory = IssuerDirectory.deserialize(await (await fetch(`${base}/issuer-directory`)).text());
  const [params] = parseWWWAuthenticate((await fetch(`${base}/challenge`)).headers.get('www-authenticate')!);
  const client = new Client();
  const { request, state } = client.createBatchedTokenRequest(
    params.challengeBytes,
    directory.currentKey()!.tokenKey,
    2,
  );
  const issued = await fetch(`${base}/batch-token-request`, {
    method: 'POST',
    headers: { ...auth, 'content-type': MEDIA_TYPES.batchedTokenRequest },
    body: Buffer.from(request.serialize()),
  });
  expect(issued.status).toBe(200);
  const tokens = client.finalizeBatch(
    BatchedTokenResponse.deserialize(new Uint8Array(await issued.arrayBuffer())),
    state,
  );

  // Origin: the token pays for a thread, which screening and publication (the forum's worker) publish.
  const author = new Author();
  const fields = [slug, '', title, 'Issued by one service, spent at another.'] as const;
  const created = await forum.gql<{ createThread: { id: string } }>(
    `mutation($input: CreateThreadInput!, $token: String) { createThread(input: $input, token: $token) { id } }`,
    {
      input: {
        companySlug: slug,
        board: null,
        title: fields[2],
        body: fields[3],
        authorKey: author.publicKey,
        signature: author.sign('create-thread', fields),
      },
      token: base64urlEncode(tokens[0].serialize()),
    },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createThread.id;
  await waitFor(
    async () =>
      (await forum.gql<{ contentStatus: string }>(`query($id: ID!) { contentStatus(id: $id) }`, { id })).data
        ?.contentStatus === 'Published',
    LONG_WAIT_MS,
    'publication on the forum service',
  );

  return auth;
}

/**
 * Issue 15, RFC 9576 split deployment: the identity service (attester + issuer, ROLE=identity) and the forum
 * service (origin, ROLE=forum) run as two processes on two databases, each reachable only by its own login
 * role, and on two Redis key prefixes. A member verifies and is issued tokens by one, posts with a token on
 * the other, and the post is published; neither side's database or Redis holds the other's data.
 */
describe('split deployment: identity and forum services on separate databases', () => {
  const storage = new SplitStorage();
  let identity: Service;
  let forum: Service;

  beforeAll(async () => {
    await storage.open();
    // Each service gets only its own database, and the identity service's internal endpoint is the forum's source.
    const env = { ...storage.env, INTERNAL_API_TOKEN };
    identity = await startService({ ...env, ROLE: 'identity', IDENTITY_DATABASE_URL: storage.identityDb.url });
    forum = await startService({
      ...env,
      ROLE: 'forum',
      FORUM_DATABASE_URL: storage.forumDb.url,
      IDENTITY_INTERNAL_URL: identity.url,
    });
  }, LONG_WAIT_MS);

  afterAll(() => storage.close(forum, identity));

  it(
    'verifies and issues on the identity service, posts and publishes on the forum service',
    async () => {
      const auth = await verifyIssuePostPublish(
        identity,
        forum,
        storage.smtp,
        'jane.doe@split-widgets.com',
        'split-widgets-com',
        'Posted on the other side',
      );

      // Stored where it belongs: the spend and the thread on the forum side, the count on the identity side.
      expect(await adminQuery(storage.forumDb.name, `SELECT title FROM threads`)).toEqual([
        { title: 'Posted on the other side' },
      ]);
      expect(await adminQuery(storage.forumDb.name, `SELECT count(*)::int AS n FROM spent_tokens`)).toEqual([{ n: 1 }]);
      expect(await adminQuery(storage.identityDb.name, `SELECT kind, issued FROM issuance_counts`)).toEqual([
        { kind: 'post', issued: 2 },
      ]);

      // Staff checks on the forum go to the identity service: a member's session is known there, and not staff.
      const queue = await forum.gql(`query { moderationQueue(first: 1) { edges { node { id } } } }`, {}, auth);
      expect(queue.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    },
    LONG_WAIT_MS * 3,
  );

  it('keeps identity tables in the identity database only, and anonymous tables in the forum database only', async () => {
    const [idTables, forumTables] = await Promise.all([tablesOf(storage.identityDb), tablesOf(storage.forumDb)]);
    const inventory = inventoryTables();
    expect(inventory.identity).toEqual(expect.arrayContaining(['accounts', 'issuance_counts', 'sessions']));
    expect(inventory.anonymous).toEqual(expect.arrayContaining(['threads', 'spent_tokens', 'moderation_items']));
    expect(idTables).toEqual([...inventory.shared, ...inventory.identity].sort());
    expect(forumTables).toEqual([...inventory.shared, ...inventory.anonymous].sort());
    // Each ran its own migration set, and the forum's company copy matches the identity side's directory.
    const ran = async (db: TestDatabase) =>
      (await adminQuery<{ name: string }>(db.name, `SELECT name FROM migrations ORDER BY name`)).map((r) => r.name);
    expect(await ran(storage.identityDb)).toEqual(IDENTITY_MIGRATIONS.map((m) => m.name).sort());
    expect(await ran(storage.forumDb)).toEqual(FORUM_MIGRATIONS.map((m) => m.name).sort());
    const directory = `SELECT id, slug, name_zh, aliases, verified_members FROM companies ORDER BY id`;
    expect(await adminQuery(storage.forumDb.name, directory)).toEqual(
      await adminQuery(storage.identityDb.name, directory),
    );
  });

  it("connects each service to its own database only, under its own role; the forum's role cannot open identity's", async () => {
    const sessions = await adminQuery<{ datname: string; usename: string }>(
      'postgres',
      `SELECT DISTINCT datname, usename::text FROM pg_stat_activity WHERE datname = ANY($1) ORDER BY 1, 2`,
      [[storage.identityDb.name, storage.forumDb.name]],
    );
    expect(sessions).toEqual(
      [
        { datname: storage.identityDb.name, usename: storage.identityDb.role },
        { datname: storage.forumDb.name, usename: storage.forumDb.role },
      ].sort((a, b) => a.datname.localeCompare(b.datname)),
    );
    const intruder = new URL(storage.identityDb.url);
    intruder.username = storage.forumDb.role;
    const client = new pg.Client({ connectionString: intruder.toString() });
    await expect(client.connect()).rejects.toThrow(/permission denied for database/);
    await client.end().catch(() => undefined);
  });

  it('answers the internal endpoints only with the internal token, and only on the identity service', async () => {
    const directory = (url: string, token?: string) =>
      fetch(`${url}/internal/company-directory`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await directory(identity.url)).status).toBe(401);
    expect((await directory(identity.url, `${INTERNAL_API_TOKEN}x`)).status).toBe(401);
    const ok = await directory(identity.url, INTERNAL_API_TOKEN);
    expect(ok.status).toBe(200);
    const companies = (await ok.json()) as { slug: string; verifiedMembers: number; domains: unknown[] }[];
    expect(companies.find((c) => c.slug === 'split-widgets-com')).toMatchObject({ verifiedMembers: 1 });
    // Public data and counts only: no field names an account, an address or a session.
    expect(Object.keys(companies[0]).sort()).toEqual(
      [
        'createdAt',
        'description',
        'domains',
        'headquarters',
        'id',
        'industry',
        'name',
        'nameZh',
        'aliases',
        'sizeBucket',
        'slug',
        'status',
        'verifiedMembers',
      ].sort(),
    );
    // The forum service has no such routes at all.
    expect((await directory(forum.url, INTERNAL_API_TOKEN)).status).toBe(404);
  });

  it("writes each side's Redis keys under its own prefix only", async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keysOf = async (prefix: string) =>
        (await redis.keys(`${prefix}:*`)).map((k) => k.slice(prefix.length + 1).split(':')[0]);
      const identityKeys = new Set(await keysOf(storage.env.IDENTITY_QUEUE_PREFIX));
      const forumKeys = new Set(await keysOf(storage.env.FORUM_QUEUE_PREFIX));
      expect([...identityKeys].sort()).toEqual(['mail', 'maintenance', 'rl']);
      expect([...forumKeys]).toEqual(expect.arrayContaining(['maintenance', 'moderation', 'publication']));
      expect([...forumKeys].filter((k) => !['maintenance', 'moderation', 'publication'].includes(k))).toEqual([]);
      // Nothing under the shared default prefix: every key is one side's.
      expect(await redis.keys(`${storage.env.QUEUE_PREFIX}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});

/**
 * The interim set-up of docs/deployment.md: one process (ROLE=all) on split storage. Each side still gets its own
 * connection, tables, migrations and Redis prefix, and the forum side copies the directory in-process.
 */
describe('one process on split storage: both sides in one API, each on its own database', () => {
  const storage = new SplitStorage();
  let api: Service;

  beforeAll(async () => {
    await storage.open();
    api = await startService({
      ...storage.env,
      IDENTITY_DATABASE_URL: storage.identityDb.url,
      FORUM_DATABASE_URL: storage.forumDb.url,
    });
  }, LONG_WAIT_MS);

  afterAll(() => storage.close(api));

  it(
    'runs the whole flow with identity rows in one database and anonymous rows in the other',
    async () => {
      expect(api.config.splitDatabases).toBe(true);
      // Without INTERNAL_API_TOKEN the internal routes do not exist (the copy runs in-process).
      expect((await fetch(`${api.url}/internal/company-directory`)).status).toBe(404);
      await verifyIssuePostPublish(
        api,
        api,
        storage.smtp,
        'sam@one-process.com',
        'one-process-com',
        'One process, two stores',
      );
      expect(await adminQuery(storage.forumDb.name, `SELECT title FROM threads`)).toEqual([
        { title: 'One process, two stores' },
      ]);
      expect(await adminQuery(storage.identityDb.name, `SELECT count(*)::int AS n FROM accounts`)).toEqual([{ n: 1 }]);
      expect(await tablesOf(storage.identityDb)).not.toContain('threads');
      expect(await tablesOf(storage.forumDb)).not.toContain('accounts');
      // The copy (the whole seeded directory) rewrites nothing that did not change: no new row versions.
      const replica = api.app.get(CompanyReplicaService);
      expect(await replica.sync()).toBe(0);
      const directory = `SELECT id, slug, name, name_zh, aliases, status, verified_members FROM companies ORDER BY id`;
      expect(await adminQuery(storage.forumDb.name, directory)).toEqual(
        await adminQuery(storage.identityDb.name, directory),
      );
      expect((await adminQuery(storage.forumDb.name, directory)).length).toBeGreaterThan(100);
      // Chinese names and aliases come with the copy.
      expect(
        await adminQuery(storage.forumDb.name, `SELECT name_zh, aliases FROM companies WHERE slug = 'alibaba'`),
      ).toEqual([{ name_zh: '阿里巴巴', aliases: ['阿里', '阿里巴巴集团'] }]);
    },
    LONG_WAIT_MS * 3,
  );
});
