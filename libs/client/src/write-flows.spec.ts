import { describe, expect, it } from '@jest/globals';
import { ed25519 } from '@noble/curves/ed25519.js';
import { signedMessage } from '@unlinked/authorship';
import { reviewFields } from './authorship.js';
import { ApiError } from './errors.js';
import { MemoryStore, recordingTransport, REVIEW, token, type SentRequest } from './testing.spec-helper.js';
import { decodeKey, LIMITS, validateReply, validateReview, validateThread, WriteFlows } from './write-flows.js';

const THREAD_ID = '3f0c8a52-9a4e-4c1b-8f2e-0d6a1b2c3d4e';
const RECEIPT_ID = '7b1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof ApiError ? e.code : 'NOT_AN_API_ERROR';
  }
}

/** Answers every write with a receipt, or with `error` (a GraphQL error code). */
function setup(error?: string) {
  const store = new MemoryStore();
  let spends = 0;
  const { transport, sent } = recordingTransport((req: SentRequest) => {
    if (error) return { errors: [{ message: error, extensions: { code: error } }] };
    const field = /mutation \w+[^{]*\{\s*(\w+)/.exec(req.body?.query ?? '')?.[1] ?? 'unknown';
    return {
      data: { [field]: field === 'vote' ? { targetId: THREAD_ID, score: 1 } : { id: RECEIPT_ID, status: 'Pending' } },
    };
  });
  const flows = new WriteFlows({ store, transport, afterSpend: () => void spends++, now: () => new Date(0) });
  return { store, flows, sent, spends: () => spends };
}

describe('write-flow validation (before any token is taken)', () => {
  const thread = { company: 'acme', board: null, title: 'Title', body: 'Body' };

  it('accepts a complete thread, reply and review', () => {
    expect(code(() => validateThread(thread))).toBeUndefined();
    expect(code(() => validateThread({ ...thread, board: 'tech-talk' }))).toBeUndefined();
    expect(code(() => validateReply({ company: 'acme', threadId: THREAD_ID, body: 'x' }))).toBeUndefined();
    expect(code(() => validateReview('acme', REVIEW))).toBeUndefined();
  });

  it("names the field and the server's limit past the raw-size fence (issue 13)", () => {
    const err = (() => {
      try {
        validateThread({ ...thread, body: 'x'.repeat(100_000) });
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(err).toMatchObject({ code: 'TEXT_TOO_LONG', details: { field: 'body', max: 10_000 } });
  });

  it.each([
    ['a blank title', { ...thread, title: '  \n' }, 'TEXT_EMPTY'],
    ['an empty body', { ...thread, body: '' }, 'TEXT_EMPTY'],
    ['an over-long title', { ...thread, title: 'x'.repeat(LIMITS.title + 1) }, 'TEXT_TOO_LONG'],
    ['an over-long body', { ...thread, body: 'x'.repeat(LIMITS.body + 1) }, 'TEXT_TOO_LONG'],
    ['a company that is not a slug', { ...thread, company: 'Acme Inc' }, 'BAD_USER_INPUT'],
    ['an empty company', { ...thread, company: '' }, 'BAD_USER_INPUT'],
    ['a board that is not a slug', { ...thread, board: '../admin' }, 'BAD_USER_INPUT'],
  ])('refuses a thread with %s', (_what, draft, expected) => {
    expect(code(() => validateThread(draft))).toBe(expected);
  });

  it.each([
    ['a thread id that is not a UUID', { threadId: '42' }, 'BAD_USER_INPUT'],
    ['a quoted reply id that is not a UUID', { quotedReplyId: 'x' }, 'BAD_USER_INPUT'],
    ['a blank body', { body: ' ' }, 'TEXT_EMPTY'],
  ])('refuses a reply with %s', (_what, change, expected) => {
    expect(code(() => validateReply({ company: 'acme', threadId: THREAD_ID, body: 'x', ...change }))).toBe(expected);
  });

  it.each([
    ['a rating of 0', { overall: 0 }, 'BAD_USER_INPUT'],
    ['a rating of 6', { culture: 6 }, 'BAD_USER_INPUT'],
    ['a fractional rating', { career: 3.5 }, 'BAD_USER_INPUT'],
    ['a rating that is not a number', { diversity: Number.NaN }, 'BAD_USER_INPUT'],
    ['blank pros', { pros: '' }, 'TEXT_EMPTY'],
    ['blank cons', { cons: '\t' }, 'TEXT_EMPTY'],
    ['an over-long job title', { jobTitle: 'x'.repeat(LIMITS.short + 1) }, 'TEXT_TOO_LONG'],
  ])('refuses a review with %s', (_what, change, expected) => {
    expect(code(() => validateReview('acme', { ...REVIEW, ...change }))).toBe(expected);
  });

  it('takes no token and sends nothing for an invalid draft', async () => {
    const { store, flows, sent } = setup();
    store.tokens.push(token('acme', 'post'));
    await expect(flows.createThread({ ...thread, title: '' })).rejects.toMatchObject({ code: 'TEXT_EMPTY' });
    expect(store.tokens).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });
});

describe('WriteFlows over an injected store', () => {
  it('creates a thread: pays with a token of the company, signs, and keeps key and post', async () => {
    const { store, flows, sent, spends } = setup();
    store.tokens.push(token('other', 'post'), token('acme', 'post'));
    const receipt = await flows.createThread({ company: 'acme', board: null, title: 'T', body: 'B' });

    expect(receipt).toEqual({ id: RECEIPT_ID, status: 'Pending' });
    expect(store.tokens.map((t) => t.company)).toEqual(['other']);
    expect(spends()).toBe(1);
    const { variables } = sent[0].body!;
    expect(variables.token).toBe('tok-acme-post');
    const input = variables.input as Record<string, string>;
    const key = store.threadKeys.get(RECEIPT_ID)!;
    expect(input.authorKey).toBe(key.publicKey);
    const signature = decodeKey(input.signature);
    expect(
      ed25519.verify(signature, signedMessage('create-thread', ['acme', '', 'T', 'B']), decodeKey(key.publicKey)),
    ).toBe(true);
    expect(store.posts.get(RECEIPT_ID)).toMatchObject({ kind: 'thread', company: 'acme', body: 'B', revision: 0 });
    // Never a session on the way out.
    expect(sent[0].headers.authorization).toBeUndefined();
    expect(sent[0].init.credentials).toBe('omit');
  });

  it('replies with the thread key this client already holds (the OP badge)', async () => {
    const { store, flows, sent } = setup();
    store.tokens.push(token('acme', 'post'));
    store.threadKeys.set(THREAD_ID, { threadId: THREAD_ID, ...keyPair() });
    await flows.createReply({ company: 'acme', threadId: THREAD_ID, body: 'me again' });
    expect((sent[0].body!.variables.input as { authorKey: string }).authorKey).toBe(
      store.threadKeys.get(THREAD_ID)!.publicKey,
    );
  });

  it('makes and keeps a fresh key for a reply in a thread it has no key for', async () => {
    const { store, flows } = setup();
    store.tokens.push(token('acme', 'post'));
    await flows.createReply({ company: 'acme', threadId: THREAD_ID, body: 'hello' });
    expect(store.threadKeys.get(THREAD_ID)?.publicKey).toMatch(/^[\w-]{43}$/);
    expect(store.posts.get(RECEIPT_ID)).toMatchObject({ kind: 'reply', threadId: THREAD_ID });
  });

  const THREAD = { company: 'acme', board: null, title: 'Title', body: 'Body' };

  it('fails with NO_TOKENS when the wallet holds none of that company and kind', async () => {
    const { store, flows, sent } = setup();
    store.tokens.push(token('other', 'post'));
    await expect(flows.createThread(THREAD)).rejects.toMatchObject({ code: 'NO_TOKENS' });
    expect(sent).toHaveLength(0);
    expect(store.tokens).toHaveLength(1);
  });

  it('puts the token back when the server refused the write without spending it', async () => {
    const { store, flows } = setup('TEXT_TOO_SHORT');
    store.tokens.push(token('acme', 'post'));
    await expect(flows.createThread(THREAD)).rejects.toMatchObject({ code: 'TEXT_TOO_SHORT' });
    expect(store.tokens).toHaveLength(1);
    expect(store.posts.size).toBe(0);
  });

  it.each(['TOKEN_ALREADY_USED', 'TOKEN_INVALID'])('drops a token the server refused as %s', async (error) => {
    const { store, flows, spends } = setup(error);
    store.tokens.push(token('acme', 'post'));
    await expect(flows.createThread(THREAD)).rejects.toMatchObject({ code: error });
    expect(store.tokens).toHaveLength(0);
    expect(spends()).toBe(1);
  });

  it('edits and deletes with the post key only: no token, no session', async () => {
    const { store, flows, sent } = setup();
    const post = {
      id: RECEIPT_ID,
      kind: 'reply' as const,
      company: 'acme',
      threadId: THREAD_ID,
      body: 'old',
      ...keyPair(),
      revision: 0,
      createdAt: new Date(0).toISOString(),
    };
    await store.putPost(post);
    await flows.editPost(post, undefined, 'new');
    expect(store.posts.get(RECEIPT_ID)).toMatchObject({ body: 'new', revision: 1 });
    await flows.deletePost(store.posts.get(RECEIPT_ID)!);
    expect(store.posts.size).toBe(0);
    expect(sent.map((r) => r.body!.variables.token)).toEqual([undefined, undefined]);
    expect(sent.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("edits one's own review with its key: every field signed against the revision, no token", async () => {
    const { store, flows, sent } = setup();
    const keys = keyPair();
    const post = { id: RECEIPT_ID, kind: 'review' as const, company: 'acme', body: 'b', ...keys, revision: 2 };
    await store.putPost({ ...post, createdAt: '', review: REVIEW });
    const changed = { ...REVIEW, overall: 2, cons: 'Longer meetings.' };
    await flows.editReview(store.posts.get(RECEIPT_ID)!, changed);
    const { input, token: spent } = sent[0].body!.variables as { input: Record<string, unknown>; token?: string };
    expect(spent).toBeUndefined();
    expect(input).toMatchObject({ id: RECEIPT_ID, revision: 2, overall: 2, cons: 'Longer meetings.' });
    const message = signedMessage('edit-review', [RECEIPT_ID, 2, ...reviewFields(changed)]);
    expect(ed25519.verify(decodeKey(input.signature as string), message, decodeKey(keys.publicKey))).toBe(true);
    expect(store.posts.get(RECEIPT_ID)).toMatchObject({ revision: 3, review: changed });
  });

  it('refuses an edit that empties a post, before sending', async () => {
    const { flows, sent } = setup();
    const post = { id: RECEIPT_ID, kind: 'thread' as const, company: 'acme', body: 'b', title: 't', ...keyPair() };
    await expect(flows.editPost({ ...post, revision: 0, createdAt: '' }, '', 'b')).rejects.toMatchObject({
      code: 'TEXT_EMPTY',
    });
    expect(sent).toHaveLength(0);
  });
});

function keyPair(): { secretKey: string; publicKey: string } {
  const sk = ed25519.utils.randomSecretKey();
  const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return { secretKey: b64u(sk), publicKey: b64u(ed25519.getPublicKey(sk)) };
}
