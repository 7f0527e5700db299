import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateText } from '../components/forum';
import { FollowButton, refreshFollowing, useRepliesToMe } from '../components/following';
import { PageTitle } from '../components/ui';
import { markRepliesSeen, newCount, useFollowState } from '../store/follows';

/** Followed threads and companies with their news, and replies to this browser's own posts (all computed here). */
export function FollowingPage() {
  const { t } = useTranslation();
  const state = useFollowState();
  const toMe = useRepliesToMe();
  useEffect(() => void refreshFollowing(), []);
  // What was unseen when the page opened keeps its mark until the reader leaves.
  const unseen = new Set(toMe.filter((r) => !state.seenReplies.includes(r.reply.id)).map((r) => r.reply.id));
  const shown = toMe.map((r) => r.reply.id).join();
  useEffect(() => () => markRepliesSeen(shown ? shown.split(',') : []), [shown]);
  const follows = [...state.follows].sort((a, b) => newCount(b) - newCount(a));
  return (
    <section>
      <PageTitle>{t('following.title')}</PageTitle>
      <p className="prose">{t('following.intro')}</p>
      <h2>{t('following.followed')}</h2>
      {follows.length === 0 && <p className="muted">{t('following.none')}</p>}
      <ul className="list">
        {follows.map((f) => {
          const n = newCount(f);
          return (
            <li key={`${f.kind}:${f.id}`} className="post" data-followed={f.id}>
              <Link to={f.kind === 'thread' ? `/t/${f.id}` : `/c/${f.id}/board`} className="card-title">
                {f.title}
              </Link>
              <header>
                <span className="badge">{t(`following.kinds.${f.kind}`)}</span>
                {n > 0 ? (
                  <span className="badge new" data-testid="new-count">
                    {t('following.new', { count: n })}
                  </span>
                ) : (
                  <span className="muted">{t('following.nothingNew')}</span>
                )}
                <FollowButton kind={f.kind} id={f.id} title={f.title} />
              </header>
            </li>
          );
        })}
      </ul>
      <h2>{t('following.toMe')}</h2>
      <p className="muted">{t('following.toMeIntro')}</p>
      {toMe.length === 0 && <p className="muted">{t('following.noneToMe')}</p>}
      <ul className="list">
        {toMe.map(({ reply: r, threadTitle, toThread }) => (
          <li key={r.id} className="post" data-reply-to-me={r.id}>
            <header>
              <span className="handle">{t('thread.handle', { handle: r.authorHandle })}</span>
              <span>{toThread ? t('following.onYourThread') : t('following.quotedYou')}</span>
              <DateText iso={r.createdAt} />
              {unseen.has(r.id) && <span className="badge new">{t('following.new', { count: 1 })}</span>}
            </header>
            <p className="body">{r.body}</p>
            <Link to={`/t/${r.threadId}`}>{threadTitle}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
