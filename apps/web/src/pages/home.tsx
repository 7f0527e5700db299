import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  publicRequest,
  CompanyDirectoryDocument,
  FeedDocument,
  SearchDocument,
  type CompanyCardFieldsFragment,
  type FeedReviewFieldsFragment,
  type ThreadSummaryFieldsFragment,
} from '@unlinked/client/reading';
import { CompanyCard } from '../components/company-card';
import { DateText } from '../components/forum';
import { useLocalize } from '../components/localize';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, PageTitle, Stars } from '../components/ui';

/** Items per group on the home page and in search results. */
const GROUP = 10;

/** The home page: one search box over companies, threads and reviews; the feed and the directory without a query. */
export function HomePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setParams(input.trim() ? { q: input.trim() } : {});
  };

  return (
    <section>
      <p className="tagline">{t('app.tagline')}</p>
      <PageTitle>{t('home.title')}</PageTitle>
      <form role="search" onSubmit={onSubmit} className="search">
        <label htmlFor="site-search">{t('home.searchLabel')}</label>
        <div className="row">
          <input
            id="site-search"
            type="search"
            value={input}
            placeholder={t('home.searchPlaceholder')}
            onChange={(e) => setInput(e.target.value)}
            autoComplete="off"
          />
          <button type="submit">{t('home.search')}</button>
        </div>
      </form>
      {q ? (
        <SearchResults q={q} />
      ) : (
        <>
          <Feed />
          <Directory />
        </>
      )}
    </section>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest(SearchDocument, { query: q, first: GROUP }, { signal }),
    [q],
  );
  const s = data?.search;
  const empty = s && s.companies.length + s.threads.edges.length + s.reviews.edges.length === 0;
  return (
    <div className="search-results" aria-live="polite">
      <h2>{t('home.resultsFor', { q })}</h2>
      <Link to="/">{t('home.clear')}</Link>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {empty && <p className="muted">{t('home.noResults', { q })}</p>}
      {s && !empty && (
        <>
          <Group title={t('home.companies')} none={t('home.noCompanies')} count={s.companies.length}>
            <ul className="cards">
              {s.companies.map((c) => (
                <CompanyCard key={c.id} c={c} />
              ))}
            </ul>
          </Group>
          <Group title={t('home.threads')} none={t('home.noThreads')} count={s.threads.edges.length}>
            <ThreadList threads={s.threads.edges.map((e) => e.node)} />
          </Group>
          <Group title={t('home.reviews')} none={t('home.noReviews')} count={s.reviews.edges.length}>
            <ReviewList reviews={s.reviews.edges.map((e) => e.node)} />
          </Group>
        </>
      )}
    </div>
  );
}

function Group({
  title,
  none,
  count,
  children,
}: {
  title: string;
  none: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <section className="result-group" aria-label={title}>
      <h3>{title}</h3>
      {count === 0 ? <p className="muted">{none}</p> : children}
    </section>
  );
}

function Feed() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest(FeedDocument, { first: GROUP }, { signal }),
    [],
  );
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorMessage error={error} onRetry={reload} />;
  const { windowDays: days, trendingThreads, newReviews, activeCompanies } = data.feed;
  return (
    <div className="feed">
      <section aria-labelledby="trending-h">
        <h2 id="trending-h">{t('home.trending')}</h2>
        <p className="muted">{t('home.trendingNote', { days })}</p>
        {trendingThreads.length === 0 ? (
          <p className="muted">{t('home.noTrending', { days })}</p>
        ) : (
          <ThreadList threads={trendingThreads} />
        )}
      </section>
      <section aria-labelledby="new-reviews-h">
        <h2 id="new-reviews-h">{t('home.newReviews')}</h2>
        {newReviews.length === 0 ? (
          <p className="muted">{t('home.noNewReviews')}</p>
        ) : (
          <ReviewList reviews={newReviews} />
        )}
      </section>
      <section aria-labelledby="active-h">
        <h2 id="active-h">{t('home.active')}</h2>
        <p className="muted">{t('home.activeNote', { days })}</p>
        {activeCompanies.length === 0 ? (
          <p className="muted">{t('home.noActive', { days })}</p>
        ) : (
          <ul className="cards">
            {activeCompanies.map((a) => (
              <CompanyCard
                key={a.company.id}
                c={a.company}
                note={t('home.recentPosts', { count: a.recentPosts, days })}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ThreadList({ threads }: { threads: ThreadSummaryFieldsFragment[] }) {
  const { t } = useTranslation();
  const l = useLocalize();
  return (
    <ul className="cards">
      {threads.map((th) => (
        <li key={th.id} className="card" data-thread={th.id}>
          <Link to={`/t/${th.id}`} className="card-title">
            {th.title}
          </Link>
          <p className="muted">
            <Link to={`/c/${th.company.slug}`}>{l.company(th.company)}</Link> ·{' '}
            <span>{t('board.replies', { count: th.replyCount })}</span> · <DateText iso={th.lastActivityAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function ReviewList({ reviews }: { reviews: FeedReviewFieldsFragment[] }) {
  const { t } = useTranslation();
  const l = useLocalize();
  return (
    <ul className="cards">
      {reviews.map((r) => (
        <li key={r.id} className="card" data-review={r.id}>
          <p>
            <Stars value={r.overall} label={t('rating.outOf', { value: r.overall })} />{' '}
            <Link to={`/c/${r.company.slug}`} className="card-title">
              {l.company(r.company)}
            </Link>{' '}
            <span className="muted">
              {r.jobTitle ?? t(`review.employment.${r.employment}`)} · <DateText iso={r.createdAt} />
            </span>
          </p>
          <p className="clamp">{r.pros}</p>
        </li>
      ))}
    </ul>
  );
}

/** Every company, alphabetically, 20 at a time. */
function Directory() {
  const { t } = useTranslation();
  const [extra, setExtra] = useState<{
    items: CompanyCardFieldsFragment[];
    after: string | null;
    more: boolean;
  } | null>(null);
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest(CompanyDirectoryDocument, { first: 20 }, { signal }),
    [],
  );
  const items = [...(data?.companies.edges.map((e) => e.node) ?? []), ...(extra?.items ?? [])];
  const pageInfo = extra ? { hasNextPage: extra.more, endCursor: extra.after } : data?.companies.pageInfo;
  const loadMore = async () => {
    const res = await publicRequest(CompanyDirectoryDocument, { first: 20, after: pageInfo?.endCursor });
    setExtra({
      items: [...(extra?.items ?? []), ...res.companies.edges.map((e) => e.node)],
      after: res.companies.pageInfo.endCursor,
      more: res.companies.pageInfo.hasNextPage,
    });
  };
  return (
    <section aria-labelledby="all-companies-h">
      <h2 id="all-companies-h">{t('home.allCompanies')}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      <ul className="cards" aria-label={t('home.allCompanies')}>
        {items.map((c) => (
          <CompanyCard key={c.id} c={c} />
        ))}
      </ul>
      {pageInfo?.hasNextPage && (
        <button type="button" onClick={() => void loadMore()}>
          {t('app.more')}
        </button>
      )}
    </section>
  );
}
