import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { publicRequest } from '../core/api';
import { CONTENT_STATUS, type ContentStatus, type ContentStatusResult } from '../core/operations';
import { DateText } from '../components/forum';
import { ErrorMessage, Notice, PageTitle } from '../components/ui';
import { myPosts, type MyPost } from '../store/db';
import { deletePost, editPost } from '../store/forum-actions';

function PostRow({ post, onChange }: { post: MyPost; onChange: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ContentStatus | 'unknown'>('unknown');
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(post.body);
  const [title, setTitle] = useState(post.title ?? '');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    publicRequest<ContentStatusResult>(CONTENT_STATUS, { id: post.id }).then(
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
    <li className="post" data-my-post={post.id} data-status={status}>
      <header>
        <span className="badge">{t(`mine.kinds.${post.kind}`)}</span>
        <span>
          {t('mine.status')}: <strong data-testid="status">{t(`mine.statuses.${status}`)}</strong>
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
            void act(() => editPost(post, post.kind === 'thread' ? title : undefined, body), t('mine.saved'));
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
          {post.kind !== 'review' && (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {t('mine.edit')}
            </button>
          )}
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t('mine.confirmDelete'))) void act(() => deletePost(post), t('mine.deleted'));
            }}
          >
            {t('mine.delete')}
          </button>
        </div>
      )}
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
      {posts && posts.length === 0 && <p className="muted">{t('mine.none')}</p>}
      <ul className="list">
        {posts?.map((p) => (
          <PostRow key={`${p.id}-${p.revision}`} post={p} onChange={load} />
        ))}
      </ul>
    </section>
  );
}
