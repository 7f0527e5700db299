import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODERATION_REASONS, moderatedType, type ModerationReason } from '@unlinked/client';
import { useWallet } from '../store/wallet-context';
import { ErrorMessage, Notice } from './ui';

/** Reporting content: paid with a reaction token, sent on the anonymous path like any write. */
export function FlagButton({
  contentType,
  contentId,
}: {
  contentType: 'thread' | 'reply' | 'review';
  contentId: string;
}) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ModerationReason>('SPAM');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `flag-${contentId}`;
  if (done) return <Notice kind="success">{t('vote.flagged')}</Notice>;
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
      });
      setDone(true);
    } catch (e) {
      setError(e);
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
