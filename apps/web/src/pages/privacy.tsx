import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/ui';

const INVENTORY = [
  'accounts',
  'codes',
  'sessions',
  'issuance',
  'content',
  'outbox',
  'spent',
  'votes',
  'moderation',
] as const;

export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <PageTitle>{t('privacy.title')}</PageTitle>
      <p>{t('privacy.intro')}</p>
      <h2>{t('privacy.howTitle')}</h2>
      <ol>
        <li>{t('privacy.how1')}</li>
        <li>{t('privacy.how2')}</li>
        <li>{t('privacy.how3')}</li>
        <li>{t('privacy.how4')}</li>
      </ol>
      <h2>{t('privacy.keepTitle')}</h2>
      <p>{t('privacy.keepIntro')}</p>
      <ul>
        {INVENTORY.map((k) => (
          <li key={k}>{t(`privacy.inventory.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('privacy.noKeepTitle')}</h2>
      <p>{t('privacy.never')}</p>
      <h2>{t('privacy.browserTitle')}</h2>
      <p>{t('privacy.browser')}</p>
      <h2>{t('privacy.limitsTitle')}</h2>
      <p>{t('privacy.limits')}</p>
    </article>
  );
}
