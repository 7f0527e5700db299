import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, itemMarkKey, MODERATION_REASONS, moderatedType, type ModerationReason } from '@unlinked/client';
import { browserStore } from '../store/db';
import { useWallet } from '../store/wallet-context';
import { ErrorMessage, Notice } from './ui';

/**
 * Reporting content: paid with an ARC presentation (one report per person per
 * item), sent on the anonymous path like any write. That this browser reported
 * an item is kept in its own store, so it still shows after a reload.
 */
export function FlagButton({
  contentType,
  contentId,
  period,
}: {
  contentType: 'thread' | 'reply' | 'review' | 'interview';
  contentId: string;
  /** The item's arcPeriod. */
  period: number;
}) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ModerationReason>('SPAM');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `flag-${contentId}`;
  const mark = itemMarkKey('flag', contentType, contentId);
  useEffect(() => {
    let live = true;
    void browserStore.getArcMark(mark).then((m) => live && m && setDone(true));
    return () => {
      live = false;
    };
  }, [mark]);
  if (done) {
    return (
      <div className="actions" data-flagged="yes">
        <Notice kind="success">{t('vote.flagged')}</Notice>
        <ErrorMessage error={error} />
      </div>
    );
  }
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        ⚑ {t('vote.flag')}
      </button>
    );
  }
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await wallet.flows.flag({
        company: wallet.company ?? '',
        contentType: moderatedType(contentType),
        contentId,
        reason,
        period,
      });
      setDone(true);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'ALREADY_FLAGGED') setDone(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions">
      <label htmlFor={id}>{t('vote.flagReason')}</label>
      <select id={id} value={reason} onChange={(e) => setReason(e.target.value as ModerationReason)}>
        {MODERATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`moderation.reasons.${r}`)}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy} onClick={() => void send()}>
        {t('vote.sendFlag')}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('app.cancel')}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
