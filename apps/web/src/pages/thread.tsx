import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { publicRequest, ThreadDocument, type ReplyFieldsFragment, type WriteReceipt } from '@unlinked/client';
import { LoadMore, usePaged } from '../components/paging';
import { LinkedText } from '../components/linked-text';
import { DateText, VoteButtons } from '../components/forum';
import { FlagButton } from '../components/flag';
import { FollowButton, threadSnapshot } from '../components/following';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';

import { useWallet } from '../store/wallet-context';

function Handle({ handle, isOp }: { handle: string; isOp: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="handle">{t('thread.handle', { handle })}</span>
      {isOp && (
        <abbr className="badge op" title={t('thread.opLabel')} data-op="true">
          {t('thread.op')}
        </abbr>
      )}
    </>
  );
}

/** How much of a quoted reply shows above the reply that quotes it; the whole reply is one click up the page. */
const QUOTE_CHARS = 280;

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS).join('')}…` : text;
}

/**
 * The reply a reply quotes. A quote is of a reply published before it (the API checks), so with replies read oldest
 * first it is on the page already; one that is not was deleted or removed since.
 */
function Quoted({ reply }: { reply: ReplyFieldsFragment | { id: string; missing: true } }) {
  const { t } = useTranslation();
  if ('missing' in reply) {
    return (
      <blockquote className="quote" data-quoted-reply-id={reply.id}>
        <p className="muted">{t('thread.quoteGone')}</p>
      </blockquote>
    );
  }
  return (
    <blockquote className="quote" data-quoted-reply-id={reply.id}>
      <p>
        <a href={`#reply-${reply.id}`}>
          {t('thread.quoteOf', { name: t('thread.handle', { handle: reply.authorHandle }) })}
        </a>
      </p>
      <p className="body">
        <LinkedText text={excerpt(reply.body)} />
      </p>
    </blockquote>
  );
}

export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const wallet = useWallet();
  const {
    data,
    items: replies,
    error,
    loading,
    reload,
    more,
  } = usePaged(
    (after, signal) => publicRequest(ThreadDocument, { id, first: 100, after }, { signal }),
    (answer) => answer.thread.replies,
    [id],
  );
  const [body, setBody] = useState('');
  const [quoting, setQuoting] = useState<ReplyFieldsFragment | null>(null);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return null;
  const th = data.thread;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSendError(null);
    setReceipt(null);
    try {
      setReceipt(
        await wallet.flows.createReply({
          company: wallet.company ?? th.company.slug,
          threadId: th.id,
          quotedReplyId: quoting?.id ?? null,
          body,
          threadTitle: th.title,
        }),
      );
      setBody('');
      setQuoting(null);
    } catch (err) {
      setSendError(err);
    } finally {
      setBusy(false);
    }
  };

  const byId = new Map(replies.map((r) => [r.id, r]));
  const quote = (r: ReplyFieldsFragment) => {
    setQuoting(r);
    replyBox.current?.focus();
  };

  return (
    <article>
      <p>
        <Link to={th.board ? `/b/${th.board}` : `/c/${th.company.slug}/board`}>{t('app.back')}</Link>
      </p>
      <PageTitle>{th.title}</PageTitle>
      <FollowButton kind="thread" id={th.id} title={th.title} now={threadSnapshot(th)} />
      <div className="post" data-thread-id={th.id}>
        <header>
          <Handle handle={th.authorHandle} isOp />
          <span>{t('post.at', { company: th.company.name })}</span>
          <DateText iso={th.createdAt} />
          {th.edited && <span className="badge">{t('post.edited')}</span>}
        </header>
        <p className="body">
          <LinkedText text={th.body} />
        </p>
        <div className="post-actions">
          <VoteButtons targetType="Thread" targetId={th.id} score={th.score} period={th.arcPeriod} />
          <FlagButton contentType="thread" contentId={th.id} period={th.arcPeriod} />
        </div>
      </div>
      <h2>{t('thread.replies')}</h2>
      {replies.length === 0 && <p className="empty">{t('thread.noReplies')}</p>}
      <ol className="list">
        {replies.map((r) => (
          <li key={r.id} id={`reply-${r.id}`} className="post" data-reply-id={r.id}>
            <header>
              <Handle handle={r.authorHandle} isOp={r.isOp} />
              <span>{t('post.at', { company: r.company.name })}</span>
              <DateText iso={r.createdAt} />
              {r.edited && <span className="badge">{t('post.edited')}</span>}
              {/* In the header, not beside the votes: that row stays one line on a phone. */}
              <button type="button" className="secondary quote-action" onClick={() => quote(r)}>
                {t('thread.quote')}
              </button>
            </header>
            {r.quotedReplyId && <Quoted reply={byId.get(r.quotedReplyId) ?? { id: r.quotedReplyId, missing: true }} />}
            <p className="body">
              <LinkedText text={r.body} />
            </p>
            <div className="post-actions">
              <VoteButtons targetType="Reply" targetId={r.id} score={r.score} period={r.arcPeriod} />
              <FlagButton contentType="reply" contentId={r.id} period={r.arcPeriod} />
            </div>
          </li>
        ))}
      </ol>
      <LoadMore more={more} />
      <form onSubmit={(e) => void submit(e)} className="compose">
        {quoting && (
          <div className="quoting">
            <Quoted reply={quoting} />
            <button type="button" className="secondary" onClick={() => setQuoting(null)}>
              {t('thread.unquote')}
            </button>
          </div>
        )}
        <div className="field">
          <label htmlFor="reply-body">{t('thread.replyLabel')}</label>
          <textarea id="reply-body" ref={replyBox} required value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('post.sending') : t('thread.postReply')}
        </button>
        {receipt && (
          <Notice kind="success">
            <span data-receipt={receipt.id}>{t('post.pending')}</span>
          </Notice>
        )}
        <ErrorMessage error={sendError} />
      </form>
    </article>
  );
}
