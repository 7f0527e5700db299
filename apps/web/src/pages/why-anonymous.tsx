import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/ui';

const STEPS = ['step1', 'step2', 'step3', 'step4'] as const;

/** One screen, plain words: why Unlinked cannot know who wrote what. */
export function WhyAnonymousPage() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <PageTitle>{t('whyAnonymous.title')}</PageTitle>
      <p>{t('whyAnonymous.lead')}</p>
      <ol>
        {STEPS.map((s) => (
          <li key={s}>{t(`whyAnonymous.${s}`)}</li>
        ))}
      </ol>
      <p>{t('whyAnonymous.result')}</p>
      <p>
        <Link to="/privacy">{t('whyAnonymous.more')}</Link>
      </p>
    </article>
  );
}
