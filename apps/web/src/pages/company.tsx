import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  publicRequest,
  CompanyPageDocument,
  ReviewsDocument,
  type EmploymentStatus,
  type ReviewFieldsFragment,
  type ReviewSort,
  type ReviewStats,
} from '@unlinked/client';
import { useLoad } from '../components/use-load';
import { LoadMore, usePaged } from '../components/paging';
import { LinkedText } from '../components/linked-text';
import { DateText, VoteButtons } from '../components/forum';
import { FlagButton } from '../components/flag';
import { FollowButton } from '../components/following';
import { useLocalize } from '../components/localize';
import { ErrorMessage, Loading, Notice, PageTitle, Stars } from '../components/ui';
import { CompanyTabs } from './salaries';

const SUBS = ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity'] as const;

function RatingSummary({ stats }: { stats: ReviewStats }) {
  const { t } = useTranslation();
  if (!stats.aggregatesVisible || stats.averageOverall === null) {
    return (
      <section aria-labelledby="ratings-h">
        <h2 id="ratings-h">{t('company.ratings')}</h2>
        <p className="muted">
          {stats.reviewCount === 0 ? t('rating.none') : t('rating.hidden', { min: stats.minimumReviews })}
        </p>
        <p className="muted">{t('rating.count', { count: stats.reviewCount })}</p>
      </section>
    );
  }
  const dist = stats.ratingDistribution ?? [0, 0, 0, 0, 0];
  const max = Math.max(1, ...dist);
  const avg = stats.averageOverall.toFixed(1);
  return (
    <section aria-labelledby="ratings-h" className="ratings">
      <h2 id="ratings-h">{t('company.ratings')}</h2>
      <p className="big-rating">
        <strong>{avg}</strong> <Stars value={stats.averageOverall} label={t('rating.outOf', { value: avg })} />{' '}
        <span className="muted">{t('rating.count', { count: stats.reviewCount })}</span>
      </p>
      <h3>{t('rating.distribution')}</h3>
      <div className="dist">
        {[5, 4, 3, 2, 1].map((star) => (
          <div key={star} style={{ display: 'contents' }}>
            <span>{t('rating.stars', { count: star })}</span>
            <span className="bar" role="img" aria-label={`${t('rating.stars', { count: star })}: ${dist[star - 1]}`}>
              <span style={{ width: `${(dist[star - 1] / max) * 100}%` }} />
            </span>
            <span>{dist[star - 1]}</span>
          </div>
        ))}
      </div>
      {stats.subRatings && (
        <>
          <h3>{t('rating.sub')}</h3>
          <dl className="facts">
            {SUBS.map((k) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{t(`rating.subs.${k}`)}</dt>
                <dd className="sub-rating">
                  <Stars
                    value={stats.subRatings![k]}
                    label={t('rating.outOf', { value: stats.subRatings![k].toFixed(1) })}
                  />
                  <span aria-hidden="true">{stats.subRatings![k].toFixed(1)}</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <dl className="facts">
        {stats.recommendPercent !== null && (
          <>
            <dt>{t('rating.recommend')}</dt>
            <dd>{Math.round(stats.recommendPercent)}%</dd>
          </>
        )}
        {stats.ceoApprovalPercent !== null && (
          <>
            <dt>{t('rating.ceo')}</dt>
            <dd>{Math.round(stats.ceoApprovalPercent)}%</dd>
          </>
        )}
        {stats.outlook && (
          <>
            <dt>{t('rating.outlook')}</dt>
            <dd>{Math.round(stats.outlook.positivePercent)}%</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ReviewItem({ r }: { r: ReviewFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <li className="post" data-review-id={r.id}>
      <header>
        <Stars value={r.overall} label={t('rating.outOf', { value: r.overall })} />
        <span>{r.jobTitle ?? t(`review.employment.${r.employment}`)}</span>
        <DateText iso={r.createdAt} />
        {r.edited && <span className="badge">{t('post.edited')}</span>}
      </header>
      <h3 className="sr-only">{t('review.pros')}</h3>
      <p className="body">
        <strong>{t('review.pros')}:</strong> <LinkedText text={r.pros} />
      </p>
      <p className="body">
        <strong>{t('review.cons')}:</strong> <LinkedText text={r.cons} />
      </p>
      {r.advice && (
        <p className="body">
          <strong>{t('review.advice')}:</strong> <LinkedText text={r.advice} />
        </p>
      )}
      <div className="post-actions">
        <VoteButtons targetType="Review" targetId={r.id} score={r.helpfulCount} period={r.arcPeriod} upOnly />
        <FlagButton contentType="review" contentId={r.id} period={r.arcPeriod} />
      </div>
    </li>
  );
}

function Reviews({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<ReviewSort>('Recent');
  const [employment, setEmployment] = useState<EmploymentStatus | ''>('');
  const { data, items, error, loading, reload, more } = usePaged(
    (after, signal) =>
      publicRequest(
        ReviewsDocument,
        { companySlug: slug, sort, employment: employment || null, first: 20, after },
        { signal },
      ),
    (answer) => answer.reviews,
    [slug, sort, employment],
  );
  return (
    <section aria-labelledby="reviews-h">
      <h2 id="reviews-h">{t('company.reviews')}</h2>
      <div className="row">
        <label>
          {t('review.sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as ReviewSort)}>
            <option value="Recent">{t('review.sortNewest')}</option>
            <option value="Rating">{t('review.sortHighest')}</option>
            <option value="Helpful">{t('review.sortHelpful')}</option>
          </select>
        </label>
        <label>
          {t('review.filter')}{' '}
          <select value={employment} onChange={(e) => setEmployment(e.target.value as EmploymentStatus | '')}>
            <option value="">{t('review.filterAll')}</option>
            <option value="Current">{t('review.employment.Current')}</option>
            <option value="Former">{t('review.employment.Former')}</option>
          </select>
        </label>
        <Link className="button" to={`/c/${slug}/review`}>
          {t('company.writeReview')}
        </Link>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && items.length === 0 && <p className="empty">{t('review.none')}</p>}
      <ul className="list">
        {items.map((r) => (
          <ReviewItem key={r.id} r={r} />
        ))}
      </ul>
      <LoadMore more={more} />
    </section>
  );
}

export function CompanyPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useLoad(
    (signal) => publicRequest(CompanyPageDocument, { slug }, { signal }),
    [slug],
  );
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return null;
  const c = data.company;
  return (
    <article>
      <PageTitle>{l.company(c)}</PageTitle>
      <FollowButton kind="company" id={c.slug} title={l.company(c)} />
      <CompanyTabs slug={c.slug} />
      {c.status === 'Unconfirmed' && <p className="badge">{t('company.unconfirmed')}</p>}
      {c.description && <p>{c.description}</p>}
      <dl className="facts">
        {c.industry && (
          <>
            <dt>{t('company.industry')}</dt>
            <dd>{l.industry(c.industry)}</dd>
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
            <dd>{l.place(c.headquarters)}</dd>
          </>
        )}
        <dt>{t('company.domains')}</dt>
        <dd>{c.domains.join(', ')}</dd>
        <dt>{t('company.verified')}</dt>
        <dd>{c.verifiedMembers}</dd>
      </dl>
      {!c.boardOpen && (
        <Notice kind="warn">
          <span data-board-closed="true">{t('company.boardClosedNow')}</span>
        </Notice>
      )}
      <RatingSummary stats={c.reviewStats} />
      <section aria-labelledby="boards-h">
        <h2 id="boards-h">{t('company.boards')}</h2>
        <ul className="cards">
          <li className="card">
            <Link className="card-title" to={`/c/${c.slug}/board`}>
              {t('company.ownBoard', { name: l.company(c) })}
            </Link>
          </li>
          <li className="card">
            <Link className="card-title" to={`/c/${c.slug}/interviews`}>
              {t('interview.tab')}
            </Link>
          </li>
          {data.boards.map((b) => (
            <li key={b.slug} className="card">
              <Link className="card-title" to={`/b/${b.slug}`}>
                {l.boardName(b)}
              </Link>
              <p className="muted">{l.boardDescription(b)}</p>
            </li>
          ))}
        </ul>
      </section>
      <Reviews slug={c.slug} />
    </article>
  );
}
