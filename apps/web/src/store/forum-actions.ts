/**
 * Anonymous writes from the browser: a fresh author key per thread or review
 * (kept in IndexedDB), a signature over the canonical message, a token from
 * the wallet, and the request through the anonymous path (no session, random
 * delay). The receipt id is remembered locally as "my post".
 */
import { base64urlDecode } from '@unlinked/privacy-pass';
import { anonymousRequest } from '../core/api';
import { b64u, newAuthorKey, reviewFields, sign, type SignedOperation } from '../core/authorship';
import {
  CREATE_REPLY,
  CREATE_REVIEW,
  CREATE_THREAD,
  DELETE_REPLY,
  DELETE_REVIEW,
  DELETE_THREAD,
  EDIT_REPLY,
  EDIT_THREAD,
  VOTE,
  type BusinessOutlook,
  type CeoApproval,
  type EmploymentStatus,
  type TenureBucket,
  type VoteResult,
  type WriteReceipt,
} from '../core/operations';
import { addMyPost, getThreadKey, putThreadKey, removeMyPost, type MyPost } from './db';

type Spend = <T>(kind: 'post' | 'review' | 'reaction', query: string, variables: Record<string, unknown>) => Promise<T>;

function decodeKey(k: string): Uint8Array {
  return base64urlDecode(k.length % 4 ? k + '='.repeat(4 - (k.length % 4)) : k);
}

export async function createThread(
  spend: Spend,
  company: string,
  board: string | null,
  title: string,
  body: string,
): Promise<WriteReceipt> {
  const key = newAuthorKey();
  const signature = sign(key.secretKey, 'create-thread', [company, board ?? '', title, body]);
  const { createThread: receipt } = await spend<{ createThread: WriteReceipt }>('post', CREATE_THREAD, {
    input: { companySlug: company, board, title, body, authorKey: b64u(key.publicKey), signature },
  });
  await putThreadKey({ threadId: receipt.id, secretKey: b64u(key.secretKey), publicKey: b64u(key.publicKey) });
  await addMyPost({
    id: receipt.id,
    kind: 'thread',
    company,
    threadId: receipt.id,
    title,
    body,
    secretKey: b64u(key.secretKey),
    revision: 0,
    createdAt: new Date().toISOString(),
  });
  return receipt;
}

/** Replies with the thread's key if this browser started the thread (OP badge), else with this browser's key for that thread. */
export async function createReply(
  spend: Spend,
  company: string,
  threadId: string,
  body: string,
  threadTitle?: string,
  quotedReplyId: string | null = null,
): Promise<WriteReceipt> {
  let k = await getThreadKey(threadId);
  if (!k) {
    const fresh = newAuthorKey();
    k = { threadId, secretKey: b64u(fresh.secretKey), publicKey: b64u(fresh.publicKey) };
    await putThreadKey(k);
  }
  const signature = sign(decodeKey(k.secretKey), 'create-reply', [threadId, quotedReplyId ?? '', body]);
  const { createReply: receipt } = await spend<{ createReply: WriteReceipt }>('post', CREATE_REPLY, {
    input: { companySlug: company, threadId, quotedReplyId, body, authorKey: k.publicKey, signature },
  });
  await addMyPost({
    id: receipt.id,
    kind: 'reply',
    company,
    threadId,
    title: threadTitle,
    body,
    secretKey: k.secretKey,
    revision: 0,
    createdAt: new Date().toISOString(),
  });
  return receipt;
}

export interface ReviewDraft {
  overall: number;
  culture: number;
  workLife: number;
  seniorManagement: number;
  compensation: number;
  career: number;
  diversity: number;
  ceoApproval: CeoApproval;
  recommend: boolean;
  outlook: BusinessOutlook;
  employment: EmploymentStatus;
  jobTitle: string | null;
  location: string | null;
  tenure: TenureBucket | null;
  pros: string;
  cons: string;
  advice: string | null;
}

export async function createReview(spend: Spend, company: string, review: ReviewDraft): Promise<WriteReceipt> {
  const key = newAuthorKey();
  const signature = sign(key.secretKey, 'create-review', [company, ...reviewFields(review)]);
  const { createReview: receipt } = await spend<{ createReview: WriteReceipt }>('review', CREATE_REVIEW, {
    input: { companySlug: company, ...review, authorKey: b64u(key.publicKey), signature },
  });
  await addMyPost({
    id: receipt.id,
    kind: 'review',
    company,
    title: review.pros.slice(0, 60),
    body: `${review.pros}\n\n${review.cons}`,
    secretKey: b64u(key.secretKey),
    revision: 0,
    createdAt: new Date().toISOString(),
  });
  return receipt;
}

export async function vote(
  spend: Spend,
  company: string,
  targetType: 'Thread' | 'Reply' | 'Review',
  targetId: string,
  value: 'Up' | 'Down',
): Promise<VoteResult['vote']> {
  const { vote: result } = await spend<VoteResult>('reaction', VOTE, {
    input: { companySlug: company, targetType, targetId, value },
  });
  return result;
}

/** Edits need no token: the author key proves authorship. Still sent on the anonymous path. */
export async function editPost(post: MyPost, title: string | undefined, body: string): Promise<WriteReceipt> {
  const sk = decodeKey(post.secretKey);
  let receipt: WriteReceipt;
  if (post.kind === 'thread') {
    const signature = sign(sk, 'edit-thread', [post.id, post.revision, title ?? '', body]);
    receipt = (
      await anonymousRequest<{ editThread: WriteReceipt }>(EDIT_THREAD, {
        input: { id: post.id, revision: post.revision, title, body, signature },
      })
    ).editThread;
  } else if (post.kind === 'reply') {
    const signature = sign(sk, 'edit-reply', [post.id, post.revision, body]);
    receipt = (
      await anonymousRequest<{ editReply: WriteReceipt }>(EDIT_REPLY, {
        input: { id: post.id, revision: post.revision, body, signature },
      })
    ).editReply;
  } else {
    throw new Error('review edits are not offered');
  }
  await addMyPost({ ...post, title: title ?? post.title, body, revision: post.revision + 1 });
  return receipt;
}

const DELETE: Record<MyPost['kind'], [SignedOperation, string, string]> = {
  thread: ['delete-thread', DELETE_THREAD, 'deleteThread'],
  reply: ['delete-reply', DELETE_REPLY, 'deleteReply'],
  review: ['delete-review', DELETE_REVIEW, 'deleteReview'],
};

export async function deletePost(post: MyPost): Promise<void> {
  const [op, doc, field] = DELETE[post.kind];
  const signature = sign(decodeKey(post.secretKey), op, [post.id]);
  await anonymousRequest<Record<string, WriteReceipt>>(doc, { input: { id: post.id, signature } });
  void field;
  await removeMyPost(post.id);
}
