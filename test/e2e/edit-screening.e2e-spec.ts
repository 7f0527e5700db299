import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ed25519 } from '@noble/curves/ed25519.js';
import { moderationMessage } from '@unlinked/moderation';
import { Author, mintToken, openCompany, TokenKind, type TestCompany } from '../support/forum-client.js';
import { companies, threadStatus } from '../support/moderation-fixtures.js';
import { startTestApi, type TestApi } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * Issue 12, "Edits are never screened": clean text was published, then an
 * edit put a phone number in and readers saw it at once. Every edit now goes
 * through screening first; held or rejected, the previous revision stays
 * visible and the author's moderation status says why.
 */

const THREAD = /* GraphQL */ `
  query Thread($id: ID!) {
    thread(id: $id) {
      title
      body
      revision
      replies(first: 10) {
        edges {
          node {
            id
            body
            revision
          }
        }
      }
    }
  }
`;
const EDIT_THREAD = /* GraphQL */ `
  mutation E($input: EditThreadInput!) {
    editThread(input: $input) {
      id
      status
    }
  }
`;
const EDIT_REPLY = /* GraphQL */ `
  mutation E($input: EditReplyInput!) {
    editReply(input: $input) {
      id
      status
    }
  }
`;
const STATUS = /* GraphQL */ `
  query Status($contentType: ModeratedContentType!, $contentId: ID!, $issuedAt: Int!, $signature: String!) {
    contentModerationStatus(
      contentType: $contentType
      contentId: $contentId
      issuedAt: $issuedAt
      signature: $signature
    ) {
      state
      pendingEdit {
        revision
        state
        rejectReason
        rejectMessage
        screeningHits {
          rule
        }
      }
    }
  }
`;

type ThreadRead = {
  title: string;
  body: string;
  revision: number;
  replies: { edges: { node: { id: string; body: string; revision: number } }[] };
};

describe('edits are screened before readers see them (real PostgreSQL, Redis, workers, HTTP)', () => {
  let api: TestApi;
  let company: TestCompany;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true', OUTBOX_RELAY_INTERVAL_MS: '100' });
    const [first] = await companies(api.dataSource);
    company = await openCompany(api, first.slug);
  });

  afterAll(async () => {
    await api.close();
  });

  async function read(id: string): Promise<ThreadRead> {
    const res = await api.gql<{ thread: ThreadRead }>(THREAD, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.thread;
  }

  async function status(author: Author, type: 'thread' | 'reply', id: string) {
    const issuedAt = Math.floor(Date.now() / 1000);
    const signature = Buffer.from(
      ed25519.sign(moderationMessage('moderation-status', [type, id, String(issuedAt)]), author.secretKey),
    ).toString('base64url');
    const res = await api.gql<{
      contentModerationStatus: {
        state: string;
        pendingEdit: {
          revision: number;
          state: string;
          rejectReason: string | null;
          rejectMessage: string | null;
          screeningHits: { rule: string }[];
        } | null;
      };
    }>(STATUS, { contentType: type.toUpperCase(), contentId: id, issuedAt, signature });
    expect(res.errors).toBeUndefined();
    return res.data!.contentModerationStatus;
  }

  async function publishedThread(author: Author, title: string, body: string): Promise<string> {
    const res = await api.gql<{ createThread: { id: string } }>(
      `mutation C($input: CreateThreadInput!, $token: String) { createThread(input: $input, token: $token) { id } }`,
      {
        input: {
          companySlug: company.slug,
          board: null,
          title,
          body,
          authorKey: author.publicKey,
          signature: author.sign('create-thread', [company.slug, '', title, body]),
        },
        token: mintToken(api, company, TokenKind.Post),
      },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createThread.id;
    await until(async () => (await threadStatus(api.dataSource, id)) === 'published', 30_000, 'thread published');
    return id;
  }

  async function editThread(author: Author, id: string, revision: number, title: string, body: string) {
    return api.gql(EDIT_THREAD, {
      input: { id, revision, title, body, signature: author.sign('edit-thread', [id, revision, title, body]) },
    });
  }

  it('holds an edit that adds a phone number: readers keep the old text, the author sees why', async () => {
    const author = new Author();
    const id = await publishedThread(author, 'Team offsite', 'The offsite is in May, details to follow.');
    const edit = await editThread(author, id, 0, 'Team offsite', 'The offsite is in May. Call Wang on 13812345678.');
    expect(edit.errors).toBeUndefined();

    expect(await read(id)).toMatchObject({ body: 'The offsite is in May, details to follow.', revision: 0 });
    const s = await status(author, 'thread', id);
    expect(s.state).toBe('PUBLISHED');
    expect(s.pendingEdit).toMatchObject({ revision: 0, state: 'HELD', rejectReason: null });
    expect(s.pendingEdit!.screeningHits.map((h) => h.rule)).toContain('pii.phone');
    const [row] = (await api.dataSource.query(`SELECT body FROM threads WHERE id = $1`, [id])) as { body: string }[];
    expect(row.body).toBe('The offsite is in May, details to follow.');
  });

  it('rejects a reply edit that adds an ID number, keeps none of its text, and tells the author', async () => {
    const threadAuthor = new Author();
    const threadId = await publishedThread(threadAuthor, 'Badges', 'New badge readers at the gate.');
    const author = new Author();
    const body = 'The new readers are slow in the morning.';
    const res = await api.gql<{ createReply: { id: string } }>(
      `mutation R($input: CreateReplyInput!, $token: String) { createReply(input: $input, token: $token) { id } }`,
      {
        input: {
          companySlug: company.slug,
          threadId,
          quotedReplyId: null,
          body,
          authorKey: author.publicKey,
          signature: author.sign('create-reply', [threadId, '', body]),
        },
        token: mintToken(api, company, TokenKind.Post),
      },
    );
    const replyId = res.data!.createReply.id;
    await until(async () => (await read(threadId)).replies.edges.length === 1, 30_000, 'reply published');

    const edited = 'The new readers are slow. My ID is 11010519491231002X if you need it.';
    const edit = await api.gql(EDIT_REPLY, {
      input: { id: replyId, revision: 0, body: edited, signature: author.sign('edit-reply', [replyId, 0, edited]) },
    });
    expect(edit.errors).toBeUndefined();

    expect((await read(threadId)).replies.edges[0].node).toMatchObject({ body, revision: 0 });
    const s = await status(author, 'reply', replyId);
    expect(s.pendingEdit).toMatchObject({ revision: 0, state: 'REJECTED', rejectReason: 'PERSONAL_INFORMATION' });
    expect(s.pendingEdit!.rejectMessage).toEqual(expect.stringContaining('personal information'));
    const [kept] = (await api.dataSource.query(`SELECT fields FROM pending_revisions WHERE content_id = $1`, [
      replyId,
    ])) as { fields: unknown }[];
    expect(kept.fields).toBeNull();
  });

  it('applies a clean edit after screening, and forgets the earlier held one', async () => {
    const author = new Author();
    const id = await publishedThread(author, 'Canteen', 'The canteen closes early on Fridays.');
    await editThread(author, id, 0, 'Canteen', 'The canteen closes early on Fridays. Ring 13812345678.');
    expect((await status(author, 'thread', id)).pendingEdit?.state).toBe('HELD');

    const edit = await editThread(author, id, 0, 'Canteen hours', 'The canteen closes at two on Fridays.');
    expect(edit.errors).toBeUndefined();
    expect(await read(id)).toMatchObject({
      title: 'Canteen hours',
      body: 'The canteen closes at two on Fridays.',
      revision: 1,
    });
    expect((await status(author, 'thread', id)).pendingEdit).toBeNull();
  });
});
