import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { publicRequest, CompaniesDocument, type CompanySummaryFieldsFragment } from '@unlinked/client/reading';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';

export function HomePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [extra, setExtra] = useState<{
    items: CompanySummaryFieldsFragment[];
    after: string | null;
    more: boolean;
  } | null>(null);
  const { data, error, loading, reload } = useLoad(
    (signal) => {
      setExtra(null);
      return publicRequest(CompaniesDocument, { search: q || null, first: 20 }, { signal });
    },
    [q],
  );
  const items = [...(data?.companies.edges.map((e) => e.node) ?? []), ...(extra?.items ?? [])];
  const pageInfo = extra ? { hasNextPage: extra.more, endCursor: extra.after } : data?.companies.pageInfo;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setParams(input.trim() ? { q: input.trim() } : {});
  };
  const loadMore = async () => {
    const res = await publicRequest(CompaniesDocument, {
      search: q || null,
      first: 20,
      after: pageInfo?.endCursor,
    });
    setExtra({
      items: [...(extra?.items ?? []), ...res.companies.edges.map((e) => e.node)],
      after: res.companies.pageInfo.endCursor,
      more: res.companies.pageInfo.hasNextPage,
    });
  };

  return (
    <section>
      <p className="tagline">{t('app.tagline')}</p>
      <PageTitle>{t('home.title')}</PageTitle>
      <form role="search" onSubmit={onSubmit} className="search">
        <label htmlFor="company-search">{t('home.searchLabel')}</label>
        <div className="row">
          <input
            id="company-search"
            type="search"
            value={input}
            placeholder={t('home.searchPlaceholder')}
            onChange={(e) => setInput(e.target.value)}
            autoComplete="off"
          />
          <button type="submit">{t('home.search')}</button>
        </div>
      </form>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <p className="muted" aria-live="polite">
            {items.length === 0 ? t('home.noResults', { q }) : t('home.results', { count: items.length })}
          </p>
          <ul className="cards" aria-label={t('home.title')}>
            {items.map((c) => (
              <li key={c.id} className="card">
                <Link to={`/c/${c.slug}`} className="card-title">
                  {c.name}
                </Link>
                <p className="muted">
                  {[c.industry, c.headquarters, c.size && t(`company.sizes.${c.size}`)].filter(Boolean).join(' · ')}
                </p>
              </li>
            ))}
          </ul>
          {pageInfo?.hasNextPage && (
            <button type="button" onClick={() => void loadMore()}>
              {t('app.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
