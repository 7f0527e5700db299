import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  publicRequest,
  BoardsDocument,
  CompanyDocument,
  ThreadsDocument,
  type ThreadSort,
  type WriteReceipt,
} from '@unlinked/client';
import { companySnapshot, FollowButton } from '../components/following';
import { useLoad } from '../components/use-load';
import { LoadMore, usePaged } from '../components/paging';
import { DateText } from '../components/forum';
import { useLocalize } from '../components/localize';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';

import { useWallet } from '../store/wallet-context';

function NewThreadForm({ company, board }: { company: string | null; board: string | null }) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setReceipt(null);
    try {
      // The token's company pays; for a company board that must be the board's company.
      const payer = company ?? wallet.company ?? '';
      setReceipt(await wallet.flows.createThread({ company: payer, board, title, body }));
      setTitle('');
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="new-thread-h" className="compose">
      <h2 id="new-thread-h">{t('board.newThread')}</h2>
      <div className="field">
        <label htmlFor="thread-title">{t('board.title')}</label>
        <input id="thread-title" required value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="thread-body">{t('board.body')}</label>
        <textarea id="thread-body" required value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('post.sending') : t('board.post')}
      </button>
      {receipt && (
        <Notice kind="success">
          <span data-receipt={receipt.id}>{t('post.pending')}</span>
        </Notice>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}

export function BoardPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { slug, board } = useParams();
  const company = slug ?? null;
  const crossBoard = board ?? null;
  const [sort, setSort] = useState<ThreadSort>('New');
  const { data, items, error, loading, reload, more } = usePaged(
    (after, signal) =>
      publicRequest(ThreadsDocument, { companySlug: company, board: crossBoard, sort, first: 30, after }, { signal }),
    (answer) => answer.threads,
    [company, crossBoard, sort],
  );
  const named = useLoad(
    (signal) => (company ? publicRequest(CompanyDocument, { slug: company }, { signal }) : Promise.resolve(null)),
    [company],
  );
  const boards = useLoad(
    (signal) => (crossBoard ? publicRequest(BoardsDocument, {}, { signal }) : Promise.resolve(null)),
    [crossBoard],
  );
  const companyName = named.data ? l.company(named.data.company) : company;
  // A shared board by its name ("Career"), not its slug; the slug only until the names arrive.
  const shared = boards.data?.boards.find((b) => b.slug === crossBoard);
  const boardName = shared ? l.boardName(shared) : crossBoard;
  const title = company ? t('board.companyTitle', { name: companyName }) : t('board.crossTitle', { name: boardName });
  return (
    <section>
      <PageTitle>{title}</PageTitle>
      {company && (
        <FollowButton
          kind="company"
          id={company}
          title={companyName ?? company}
          now={sort === 'New' && data ? companySnapshot(data.threads) : undefined}
        />
      )}
      <label>
        {t('review.sort')}{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as ThreadSort)}>
          <option value="New">{t('board.sortNew')}</option>
          <option value="Active">{t('board.sortActive')}</option>
          <option value="Top">{t('board.sortTop')}</option>
        </select>
      </label>
      <h2>{t('board.threads')}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && items.length === 0 && <p className="empty">{t('board.none')}</p>}
      <ul className="list">
        {items.map((th) => (
          <li key={th.id} className="post">
            <Link to={`/t/${th.id}`} className="card-title">
              {th.title}
            </Link>
            <header>
              <span>{t('thread.handle', { handle: th.authorHandle })}</span>
              <span>{t('post.at', { company: th.company.name })}</span>
              <DateText iso={th.createdAt} />
              <span>{t('board.replies', { count: th.replyCount })}</span>
              <span>{t('vote.score', { count: th.score })}</span>
            </header>
          </li>
        ))}
      </ul>
      <LoadMore more={more} />
      <NewThreadForm company={company} board={crossBoard} />
    </section>
  );
}
