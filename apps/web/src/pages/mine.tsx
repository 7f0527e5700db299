import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  decodeKey,
  moderatedKind,
  publicRequest,
  anonymousRequest,
  signModeration,
  AppealRemovalDocument,
  ContentModerationStatusDocument,
  ContentStatusDocument,
  type ContentModerationStatusFieldsFragment,
  type ContentStatus,
} from '@unlinked/client';
import { ExportKeysForm, ImportKeysForm } from '../components/author-keys';
import { DateText } from '../components/forum';
import { SignOutButton } from '../components/sign-out';
import { ErrorMessage, Notice, PageTitle } from '../components/ui';
import { myPosts, type MyPost } from '../store/db';
import { useWallet } from '../store/wallet-context';

function secret(post: MyPost): Uint8Array {
  return decodeKey(post.secretKey);
}

/** Moderation status and appeal, proven with the post's author key (nothing identifies the browser). */

function Moderation({ post, onState }: { post: MyPost; onState: (state: string | null) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ContentModerationStatusFieldsFragment | null>(null);
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  useEffect(() => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const signature = signModeration(secret(post), 'moderation-status', [post.kind, post.id, String(issuedAt)]);
    publicRequest(ContentModerationStatusDocument, {
      contentType: moderatedKind(post.kind),
      contentId: post.id,
      issuedAt,
      signature,
    }).then(
      (r) => {
        setStatus(r.contentModerationStatus);
        onState(r.contentModerationStatus.state ?? null);
      },
      () => setStatus(null),
    );
  }, [post, sent, onState]);
  if (!status?.state) return null;
  const appeal = async () => {
    setError(null);
    try {
      const signature = signModeration(secret(post), 'appeal', [post.kind, post.id, statement]);
      await anonymousRequest(AppealRemovalDocument, {
        input: { contentType: moderatedKind(post.kind), contentId: post.id, statement, signature },
      });
      setSent(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-moderation-state={status.state}>
      <p>
        {t('mine.moderation')}: <strong>{t(`mine.modStates.${status.state}`)}</strong>
        {status.removalReason && ` — ${t(`moderation.reasons.${status.removalReason}`)}`}
        {status.rejectMessage && ` — ${status.rejectMessage}`}
      </p>
      {sent || status.appealed ? (
        <Notice kind="success">{t('mine.appealed')}</Notice>
      ) : (
        status.canAppeal && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void appeal();
            }}
          >
            <div className="field">
              <label htmlFor={`appeal-${post.id}`}>{t('mine.appealReason')}</label>
              <textarea
                id={`appeal-${post.id}`}
                required
                maxLength={500}
                value={statement}
                onChange={(e) => setStatement(e.target.value)}
              />
            </div>
            <button type="submit">{t('mine.appeal')}</button>
          </form>
        )
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

function PostRow({ post, onChange }: { post: MyPost; onChange: () => void }) {
  const { t } = useTranslation();
  const { flows } = useWallet();
  const [status, setStatus] = useState<ContentStatus | 'unknown'>('unknown');
  // Rejected content stays pending for ever: the rejection, with its reason below, is its status.
  const [modState, setModState] = useState<string | null>(null);
  const rejected = modState === 'REJECTED';
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(post.body);
  const [title, setTitle] = useState(post.title ?? '');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    publicRequest(ContentStatusDocument, { id: post.id }).then(
      (r) => setStatus(r.contentStatus),
      () => setStatus('unknown'),
    );
  }, [post.id, post.revision]);

  const act = async (f: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await f();
      setNote(done);
      setEditing(false);
      onChange();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <li className="post" data-my-post={post.id} data-status={rejected ? 'Rejected' : status}>
      <header>
        <span className="badge">{t(`mine.kinds.${post.kind}`)}</span>
        <span>
          {t('mine.status')}:{' '}
          <strong data-testid="status">{rejected ? t('mine.modStates.REJECTED') : t(`mine.statuses.${status}`)}</strong>
        </span>
        <DateText iso={post.createdAt} />
      </header>
      {post.threadId && (
        <p>
          <Link to={`/t/${post.threadId}`}>{post.title ?? post.threadId}</Link>
        </p>
      )}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => flows.editPost(post, post.kind === 'thread' ? title : undefined, body), t('mine.saved'));
          }}
        >
          {post.kind === 'thread' && (
            <div className="field">
              <label htmlFor={`title-${post.id}`}>{t('board.title')}</label>
              <input id={`title-${post.id}`} value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
          )}
          <div className="field">
            <label htmlFor={`body-${post.id}`}>{t('board.body')}</label>
            <textarea id={`body-${post.id}`} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit">{t('app.save')}</button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="body">{post.body}</p>
      )}
      {!editing && (
        <div className="actions">
          {/* Salary reports and interview reviews have no edit. */}
          {post.kind === 'salary' || post.kind === 'interview' ? null : post.kind === 'review' ? (
            <Link className="button secondary" to={`/c/${post.company}/review/${post.id}/edit`}>
              {t('mine.edit')}
            </Link>
          ) : (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {t('mine.edit')}
            </button>
          )}
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t('mine.confirmDelete'))) void act(() => flows.deletePost(post), t('mine.deleted'));
            }}
          >
            {t('mine.delete')}
          </button>
        </div>
      )}
      <Moderation post={post} onState={setModState} />
      {note && <Notice kind="success">{note}</Notice>}
      <ErrorMessage error={error} />
    </li>
  );
}

export function MinePage() {
  const { t } = useTranslation();
  const [posts, setPosts] = useState<MyPost[] | null>(null);
  const load = useCallback(() => void myPosts().then(setPosts), []);
  useEffect(load, [load]);
  return (
    <section>
      <PageTitle>{t('mine.title')}</PageTitle>
      <p className="prose">{t('mine.intro')}</p>
      {posts && posts.length === 0 && <p className="empty">{t('mine.none')}</p>}
      <ul className="list">
        {posts?.map((p) => (
          <PostRow key={p.id} post={p} onChange={load} />
        ))}
      </ul>
      <section aria-labelledby="keys-title" className="prose">
        <h2 id="keys-title">{t('keys.title')}</h2>
        <p>{t('keys.intro')}</p>
        {posts && posts.length > 0 && (
          <>
            <h3>{t('keys.exportTitle')}</h3>
            <ExportKeysForm />
          </>
        )}
        <h3>{t('keys.importTitle')}</h3>
        <ImportKeysForm onImported={load} />
        <h3>{t('keys.forgetTitle')}</h3>
        <p>{t('keys.forgetIntro')}</p>
        <SignOutButton label={t('keys.forget')} />
      </section>
    </section>
  );
}
