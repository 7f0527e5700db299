import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicRequest } from '../core/api';
import { COMPANY, type CompanyResult } from '../core/operations';
import { useLoad } from '../api/use-query';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';

export function CompanyPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest<CompanyResult>(COMPANY, { slug }, { signal }),
    [slug],
  );
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return null;
  const c = data.company;
  return (
    <article>
      <PageTitle>{c.name}</PageTitle>
      {c.status === 'Unconfirmed' && <p className="badge">{t('company.unconfirmed')}</p>}
      {c.description && <p>{c.description}</p>}
      <dl className="facts">
        {c.industry && (
          <>
            <dt>{t('company.industry')}</dt>
            <dd>{c.industry}</dd>
          </>
        )}
        {c.size && (
          <>
            <dt>{t('company.size')}</dt>
            <dd>{t(`company.sizes.${c.size}`)}</dd>
          </>
        )}
        {c.headquarters && (
          <>
            <dt>{t('company.headquarters')}</dt>
            <dd>{c.headquarters}</dd>
          </>
        )}
        <dt>{t('company.domains')}</dt>
        <dd>{c.domains.join(', ')}</dd>
      </dl>
    </article>
  );
}
