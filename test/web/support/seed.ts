import {
  b64u,
  CreateReplyDocument,
  CreateReviewDocument,
  CreateThreadDocument,
  newAuthorKey,
  reviewFields,
  sign,
} from '@unlinked/client';
import { ArcHolder, mintToken, openCompany, REVIEW, TokenKind } from '../../support/forum-client.js';
import type { TestApi } from '../../support/test-app.js';
import { waitPublished } from './flow.js';

export interface SeededForum {
  threadId: string;
  opReplyId: string;
  otherReplyId: string;
  /** A reply published after the OP's. */
  laterReplyId: string;
  reviewId: string;
}

export async function write(
  api: TestApi,
  doc: { toString(): string },
  variables: Record<string, unknown>,
): Promise<string> {
  const res = await api.gql<Record<string, { id: string }>>(doc.toString(), variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const id = Object.values(res.data!)[0].id;
  await waitPublished(api, id);
  return id;
}

/**
 * Content written with the clients' own signing code (libs/client),
 * so the server's verification of the client's signatures is exercised too.
 */
export async function seedForum(api: TestApi, slug: string): Promise<SeededForum> {
  const company = await openCompany(api, slug, 50);
  const op = newAuthorKey();
  const title = 'Is the new office worth the commute?';
  const body = 'We moved last month. Curious what others think.';
  const threadId = await write(api, CreateThreadDocument, {
    token: mintToken(api, company, TokenKind.Post),
    input: {
      companySlug: slug,
      board: null,
      title,
      body,
      authorKey: b64u(op.publicKey),
      signature: sign(op.secretKey, 'create-thread', [slug, '', title, body]),
    },
  });
  const reply = async (key: ReturnType<typeof newAuthorKey>, text: string, quotedReplyId: string | null = null) =>
    write(api, CreateReplyDocument, {
      token: mintToken(api, company, TokenKind.Post),
      input: {
        companySlug: slug,
        threadId,
        quotedReplyId,
        body: text,
        authorKey: b64u(key.publicKey),
        signature: sign(key.secretKey, 'create-reply', [threadId, quotedReplyId ?? '', text]),
      },
    });
  // Published one after the other, within one hour bucket: only publication order tells them apart.
  const otherReplyId = await reply(newAuthorKey(), 'The cafeteria is great, the trains are not.');
  const opReplyId = await reply(op, 'Thanks — for me it is 20 minutes longer each way.', otherReplyId);
  const laterReplyId = await reply(newAuthorKey(), 'Same commute here, I moved closer.');
  const review = REVIEW;
  const rk = newAuthorKey();
  const reviewId = await write(api, CreateReviewDocument, {
    token: new ArcHolder(api, company).review(),
    input: {
      companySlug: slug,
      ...review,
      authorKey: b64u(rk.publicKey),
      signature: sign(rk.secretKey, 'create-review', [slug, ...reviewFields(review)]),
    },
  });
  return { threadId, opReplyId, otherReplyId, laterReplyId, reviewId };
}
