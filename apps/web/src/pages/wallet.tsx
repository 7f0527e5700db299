import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type TokenKind, tokenQuota, TOKEN_KINDS, type KeyCheck } from '@unlinked/client';
import { ErrorMessage, formatTime, PageTitle } from '../components/ui';
import { browserStore } from '../store/db';
import { useWallet } from '../store/wallet-context';

type Quota = Awaited<ReturnType<typeof tokenQuota>>[number];

export function WalletPage() {
  const { t, i18n } = useTranslation();
  const wallet = useWallet();
  const [quotas, setQuotas] = useState<Quota[]>([]);
  const [checks, setChecks] = useState<KeyCheck[]>([]);
  const [error, setError] = useState<unknown>(null);
  const token = wallet.session?.token;
  // Re-read quota and key checks whenever a refill finishes.
  const idle = wallet.progress === null;

  useEffect(() => {
    if (!token) return;
    tokenQuota(token).then(setQuotas, setError);
    void browserStore.keyChecks().then(setChecks);
  }, [token, idle]);

  const checkFor = (kind: TokenKind) => checks.find((c) => c.kind === kind && c.company === wallet.company);

  return (
    <section>
      <PageTitle>{t('wallet.title')}</PageTitle>
      <p className="prose">
        {t('wallet.intro')} <Link to="/why-anonymous">{t('whyAnonymous.link')}</Link>
      </p>
      {!wallet.session && (
        <p>
          <Link to="/verify">{t('wallet.signInFirst')}</Link>
        </p>
      )}
      <table className="stack-table">
        <thead>
          <tr>
            <th scope="col">{t('wallet.kind')}</th>
            <th scope="col">{t('wallet.left')}</th>
            <th scope="col">{t('wallet.quota')}</th>
            <th scope="col">{t('wallet.epoch')}</th>
            <th scope="col">{t('wallet.keyCheck')}</th>
          </tr>
        </thead>
        <tbody>
          {TOKEN_KINDS.map((kind) => {
            const q = quotas.find((x) => x.kind === kind);
            const c = checkFor(kind);
            return (
              <tr key={kind} data-kind={kind}>
                <th scope="row">{t(`wallet.kinds.${kind}`)}</th>
                <td data-testid={`count-${kind}`} data-label={t('wallet.left')}>
                  {wallet.counts[kind]}
                </td>
                <td data-label={t('wallet.quota')}>{q ? `${q.remaining} / ${q.quota}` : '–'}</td>
                <td data-label={t('wallet.epoch')}>
                  {q ? new Date(q.resetsAt).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) : '–'}
                </td>
                <td data-testid={`check-${kind}`} data-label={t('wallet.keyCheck')}>
                  {!c ? t('wallet.keyUnknown') : c.ok ? t('wallet.keyOk') : t('wallet.keyBad')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {wallet.spendableFrom && (
        <p data-testid="spendable-from">
          {t('wallet.spendableFrom', { time: formatTime(wallet.spendableFrom, i18n.language) })}
        </p>
      )}
      {wallet.session && (
        <p data-testid="arc-credentials">
          {t('wallet.credentials')}: {t('wallet.credentialsHeld', { count: wallet.credentials })}
        </p>
      )}
      {wallet.progress && (
        <div className="notice" role="status" aria-live="polite">
          <label htmlFor="fill-progress">
            {t(`wallet.kinds.${wallet.progress.kind}`)}:{' '}
            {t('wallet.filling', { done: wallet.progress.done, total: wallet.progress.total })}
          </label>
          <progress id="fill-progress" max={wallet.progress.total || 1} value={wallet.progress.done} />
        </div>
      )}
      {wallet.session && (
        <p>
          <button type="button" onClick={() => void wallet.fill(undefined, true)} disabled={!!wallet.progress}>
            {t('wallet.fill')}
          </button>
        </p>
      )}
      <ErrorMessage error={wallet.fillError ?? error} />
    </section>
  );
}
