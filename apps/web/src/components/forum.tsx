import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoteTarget } from '@unlinked/client';
import { useWallet } from '../store/wallet-context';
import { relativeTime } from './relative-time';
import { ErrorMessage, Notice } from './ui';

/** Helpful / not helpful (reaction token), for threads, replies and reviews. */
export function VoteButtons({
  targetType,
  targetId,
  score,
  upOnly = false,
}: {
  targetType: VoteTarget;
  targetId: string;
  score: number;
  upOnly?: boolean;
}) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [current, setCurrent] = useState(score);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const cast = async (value: 'Up' | 'Down') => {
    setBusy(true);
    setError(null);
    try {
      const r = await wallet.flows.vote({ company: wallet.company ?? '', targetType, targetId, value });
      setCurrent(r.score);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions" aria-label={t('vote.up')}>
      <span className="muted" aria-live="polite">
        {t('vote.score', { count: current })}
      </span>
      <button type="button" className="secondary" disabled={busy || done} onClick={() => void cast('Up')}>
        ▲ {t('vote.up')}
      </button>
      {!upOnly && (
        <button type="button" className="secondary" disabled={busy || done} onClick={() => void cast('Down')}>
          ▼ {t('vote.down')}
        </button>
      )}
      {done && <Notice kind="success">{t('vote.voted')}</Notice>}
      <ErrorMessage error={error} />
    </div>
  );
}

export function DateText({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const { text, full } = relativeTime(iso, i18n.language === 'zh' ? 'zh-CN' : 'en');
  return (
    <time dateTime={iso} title={full}>
      {text}
    </time>
  );
}
