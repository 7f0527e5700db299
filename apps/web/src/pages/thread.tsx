import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { publicRequest, ThreadDocument, type WriteReceipt } from '@unlinked/client';
import { useLoad } from '../components/use-load';
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

export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const wallet = useWallet();
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest(ThreadDocument, { id, first: 100 }, { signal }),
    [id],
  );
  const [body, setBody] = useState('');
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
          body,
          threadTitle: th.title,
        }),
      );
      setBody('');
    } catch (err) {
      setSendError(err);
    } finally {
      setBusy(false);
    }
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
        <p className="body">{th.body}</p>
        <div className="post-actions">
          <VoteButtons targetType="Thread" targetId={th.id} score={th.score} period={th.arcPeriod} />
          <FlagButton contentType="thread" contentId={th.id} period={th.arcPeriod} />
        </div>
      </div>
      <h2>{t('thread.replies')}</h2>
      {th.replies.edges.length === 0 && <p className="empty">{t('thread.noReplies')}</p>}
      <ol className="list">
        {th.replies.edges.map(({ node: r }) => (
          <li key={r.id} className="post" data-reply-id={r.id}>
            <header>
              <Handle handle={r.authorHandle} isOp={r.isOp} />
              <span>{t('post.at', { company: r.company.name })}</span>
              <DateText iso={r.createdAt} />
              {r.edited && <span className="badge">{t('post.edited')}</span>}
            </header>
            <p className="body">{r.body}</p>
            <div className="post-actions">
              <VoteButtons targetType="Reply" targetId={r.id} score={r.score} period={r.arcPeriod} />
              <FlagButton contentType="reply" contentId={r.id} period={r.arcPeriod} />
            </div>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void submit(e)} className="compose">
        <div className="field">
          <label htmlFor="reply-body">{t('thread.replyLabel')}</label>
          <textarea id="reply-body" required value={body} onChange={(e) => setBody(e.target.value)} />
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
