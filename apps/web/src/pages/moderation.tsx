import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  staffRequest,
  ModerateDocument,
  ModerationQueueDocument,
  MODERATION_REASONS,
  type ModerationItemFieldsFragment,
  type ModerationReason,
} from '@unlinked/client';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { useLoad } from '../components/use-load';
import { useWallet } from '../store/wallet-context';

const STAFF_KEY = 'unlinked.staffToken';

function Item({ item, bearer, onDone }: { item: ModerationItemFieldsFragment; bearer: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ModerationReason>(item.flagCounts[0]?.reason ?? 'SPAM');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: 'APPROVE' | 'REMOVE' | 'RESTORE') => {
    setBusy(true);
    setError(null);
    try {
      await staffRequest(
        ModerateDocument,
        { input: { itemId: item.id, action, reasonCode: action === 'REMOVE' ? reason : null, version: item.version } },
        { session: bearer },
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const flags = item.flagCounts.reduce((n, f) => n + f.count, 0);
  return (
    <li className="post" data-item-id={item.id} data-content-id={item.contentId}>
      <header>
        <span className="badge">{t(`mine.kinds.${item.contentType.toLowerCase()}`)}</span>
        {item.queueReason && <span className="badge">{t(`moderation.queueReasons.${item.queueReason}`)}</span>}
        <span>{t('moderation.flags', { count: flags })}</span>
      </header>
      <p className="body">{item.text ?? '—'}</p>
      {item.screeningHits.length > 0 && (
        <p className="muted">
          {t('moderation.screening')}: {item.screeningHits.map((h) => `${h.rule} (${h.action})`).join(', ')}
        </p>
      )}
      {item.flagCounts.length > 0 && (
        <p className="muted">
          {item.flagCounts.map((f) => `${t(`moderation.reasons.${f.reason}`)} × ${f.count}`).join(', ')}
        </p>
      )}
      {item.appealStatement && (
        <p>
          <strong>{t('mine.appeal')}:</strong> {item.appealStatement}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('APPROVE')}>
          {t('moderation.approve')}
        </button>
        <label>
          {t('moderation.reason')}{' '}
          <select value={reason} onChange={(e) => setReason(e.target.value as ModerationReason)}>
            {MODERATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`moderation.reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="danger" disabled={busy} onClick={() => void act('REMOVE')}>
          {t('moderation.remove')}
        </button>
        {item.queueReason === 'APPEALED' && (
          <button type="button" disabled={busy} onClick={() => void act('RESTORE')}>
            {t('moderation.restore')}
          </button>
        )}
      </div>
      <ErrorMessage error={error} />
    </li>
  );
}

export function ModerationPage() {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [staff, setStaff] = useState(() => sessionStorage.getItem(STAFF_KEY) ?? '');
  const [input, setInput] = useState('');
  // Moderators act under their own identity-side credential (their session, or a staff token).
  const bearer = staff || wallet.session?.token || '';
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      bearer
        ? staffRequest(ModerationQueueDocument, { first: 50 }, { session: bearer, signal })
        : Promise.resolve(null),
    [bearer],
  );
  return (
    <section>
      <PageTitle>{t('moderation.title')}</PageTitle>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          sessionStorage.setItem(STAFF_KEY, input.trim());
          setStaff(input.trim());
        }}
      >
        <label htmlFor="staff-token">{t('moderation.staffToken')}</label>
        <input
          id="staff-token"
          type="password"
          autoComplete="off"
          value={input}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit">{t('moderation.signIn')}</button>
      </form>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data === null && <Notice>{t('moderation.notModerator')}</Notice>}
      {data && data.moderationQueue.edges.length === 0 && <p className="empty">{t('moderation.empty')}</p>}
      <ul className="list">
        {data?.moderationQueue.edges.map(({ node }) => (
          <Item key={`${node.id}-${node.version}`} item={node} bearer={bearer} onDone={reload} />
        ))}
      </ul>
    </section>
  );
}
