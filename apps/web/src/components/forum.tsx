import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, itemMarkKey, type VoteTarget } from '@unlinked/client';
import { browserStore } from '../store/db';
import { useWallet } from '../store/wallet-context';
import { readerLocale, relativeTime } from './relative-time';
import { ErrorMessage, Notice } from './ui';

const ITEM: Record<VoteTarget, 'thread' | 'reply' | 'review'> = { Thread: 'thread', Reply: 'reply', Review: 'review' };

/**
 * Helpful / not helpful, for threads, replies and reviews: paid with an ARC
 * presentation of the credential of the item's period, so one person votes
 * once per item. What this browser voted is kept in its own store (the server
 * cannot know who voted), so the buttons stay off after a reload.
 */
export function VoteButtons({
  targetType,
  targetId,
  score,
  period,
  upOnly = false,
}: {
  targetType: VoteTarget;
  targetId: string;
  score: number;
  /** The item's arcPeriod. */
  period: number;
  upOnly?: boolean;
}) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [current, setCurrent] = useState(score);
  const [error, setError] = useState<unknown>(null);
  const [voted, setVoted] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const mark = itemMarkKey('vote', ITEM[targetType], targetId);
  useEffect(() => {
    let live = true;
    void browserStore.getArcMark(mark).then((m) => live && setVoted(m ? (m.value ?? '') : null));
    return () => {
      live = false;
    };
  }, [mark]);
  const cast = async (value: 'Up' | 'Down') => {
    setBusy(true);
    setError(null);
    try {
      const r = await wallet.flows.vote({ company: wallet.company ?? '', targetType, targetId, value, period });
      setCurrent(r.score);
      setVoted(value);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'ALREADY_VOTED') setVoted((v) => v || '');
    } finally {
      setBusy(false);
    }
  };
  const done = voted !== null && voted !== undefined;
  return (
    <div className="actions" aria-label={t('vote.up')} data-voted={done ? voted || 'yes' : undefined}>
      <span className="muted" aria-live="polite">
        {t('vote.score', { count: current })}
      </span>
      {/* Left enabled after a vote: a second one is sent and the server's refusal is explained (votes are final). */}
      <button
        type="button"
        className="secondary"
        disabled={busy}
        aria-pressed={voted === 'Up'}
        onClick={() => void cast('Up')}
      >
        ▲ {t('vote.up')}
      </button>
      {!upOnly && (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          aria-pressed={voted === 'Down'}
          onClick={() => void cast('Down')}
        >
          ▼ {t('vote.down')}
        </button>
      )}
      {done && !error && (
        <Notice kind="success">
          {voted === 'Up' ? t('vote.votedUp') : voted === 'Down' ? t('vote.votedDown') : t('vote.voted')}
        </Notice>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

export function DateText({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const { text, full } = relativeTime(iso, readerLocale(i18n.language));
  return (
    <time dateTime={iso} title={full}>
      {text}
    </time>
  );
}
