import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  CompanyInterviewStatsDocument,
  INTERVIEW_OUTCOMES,
  InterviewsDocument,
  JobTitlesDocument,
  publicRequest,
  SearchInterviewsDocument,
  type CompanyInterviewStatsQuery,
  type InterviewFieldsFragment,
  type InterviewOutcome,
  type InterviewSort,
  type InterviewStatsFieldsFragment,
} from '@unlinked/client';
import { DateText } from '../components/forum';
import { FlagButton } from '../components/flag';
import { useLoad } from '../components/use-load';
import { LoadMore, usePaged } from '../components/paging';
import { LinkedText } from '../components/linked-text';
import { monthText, readerLocale } from '../components/relative-time';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';

let titleNames: Promise<Map<string, { en: string; zh: string }>> | null = null;

/** A title of the normalised list in the page's language (loaded once); any other title as written. */
function useTitle(): (key: string | null, written: string | null) => string {
  const { i18n } = useTranslation();
  const [names, setNames] = useState<Map<string, { en: string; zh: string }> | null>(null);
  useEffect(() => {
    titleNames ??= publicRequest(JobTitlesDocument, {}).then(
      (r) => new Map(r.jobTitles.map((jt) => [jt.key, { en: jt.en, zh: jt.zh }])),
    );
    let live = true;
    titleNames.then(
      (m) => live && setNames(m),
      () => (titleNames = null),
    );
    return () => {
      live = false;
    };
  }, []);
  const zh = i18n.language.startsWith('zh');
  return (key, written) => {
    const known = key ? names?.get(key) : undefined;
    return known ? (zh ? known.zh : known.en) : (written ?? '');
  };
}

/** One group's aggregates, or why they are not shown yet. */
function StatsFacts({ s }: { s: InterviewStatsFieldsFragment }) {
  const { t } = useTranslation();
  if (!s.aggregatesVisible) return <p className="muted">{t('interview.statsHidden', { min: s.minimumReports })}</p>;
  return (
    <dl className="facts" data-interview-stats={s.jobTitleKey ?? 'all'}>
      <dt>{t('interview.difficultyAverage')}</dt>
      <dd>{s.difficultyAverage?.toFixed(1)} / 5</dd>
      <dt>{t('interview.positive')}</dt>
      <dd>{Math.round(s.experience?.positive ?? 0)}%</dd>
      {s.offerRate !== null && (
        <>
          <dt>{t('interview.offerRate')}</dt>
          <dd>{Math.round(s.offerRate)}%</dd>
        </>
      )}
      {s.typicalProcessLength && (
        <>
          <dt>{t('interview.typicalLength')}</dt>
          <dd>{t(`interview.lengths.${s.typicalProcessLength}`)}</dd>
        </>
      )}
    </dl>
  );
}

function InterviewStatsSection({ stats }: { stats: CompanyInterviewStatsQuery['company']['interviewStats'] }) {
  const { t } = useTranslation();
  const title = useTitle();
  const { overall, byTitle } = stats;
  return (
    <section aria-labelledby="interview-stats-h">
      <h2 id="interview-stats-h">{t('interview.stats')}</h2>
      <p className="muted">{t('interview.reports', { count: overall.reportCount })}</p>
      <StatsFacts s={overall} />
      {byTitle.length > 0 && (
        <>
          <h3>{t('interview.byTitle')}</h3>
          {byTitle.map((s) => (
            <div key={s.jobTitleKey}>
              <h4>
                {title(s.jobTitleKey, s.jobTitle)}{' '}
                <span className="muted">{t('interview.reports', { count: s.reportCount })}</span>
              </h4>
              <StatsFacts s={s} />
            </div>
          ))}
        </>
      )}
    </section>
  );
}

export function InterviewItem({ i }: { i: InterviewFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const title = useTitle();
  return (
    <li className="post" data-interview-id={i.id}>
      <header>
        <strong>{title(i.jobTitleKey, i.jobTitle)}</strong>
        <span className="badge">
          {i.candidateCompany
            ? t('interview.fromCompany', { company: i.candidateCompany.name })
            : t('interview.verifiedCandidate')}
        </span>
        {i.demo && <span className="badge">{t('interview.demo')}</span>}
        <span>{monthText(i.month, readerLocale(i18n.language))}</span>
        <DateText iso={i.createdAt} />
      </header>
      <dl className="facts">
        <dt>{t('interview.difficulty')}</dt>
        <dd>{t('interview.difficultyValue', { value: i.difficulty })}</dd>
        <dt>{t('interview.experience')}</dt>
        <dd>{t(`interview.experiences.${i.experience}`)}</dd>
        <dt>{t('interview.outcome')}</dt>
        <dd>{t(`interview.outcomes.${i.outcome}`)}</dd>
        <dt>{t('interview.source')}</dt>
        <dd>{t(`interview.sources.${i.source}`)}</dd>
        <dt>{t('interview.processLength')}</dt>
        <dd>{t(`interview.lengths.${i.processLength}`)}</dd>
      </dl>
      <p className="body">
        <strong>{t('interview.stages')}:</strong> <LinkedText text={i.stages} />
      </p>
      {i.questions.length > 0 && (
        <>
          <h3>{t('interview.questions')}</h3>
          <ol className="questions">
            {i.questions.map((q, n) => (
              <li key={n}>
                <LinkedText text={q} />
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="post-actions">
        <FlagButton contentType="interview" contentId={i.id} period={i.arcPeriod} />
      </div>
    </li>
  );
}

function QuestionSearch({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const { data, error } = useLoad(
    (signal) =>
      query
        ? publicRequest(SearchInterviewsDocument, { query, companySlug: slug, first: 20 }, { signal })
        : Promise.resolve(null),
    [slug, query],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(q.trim());
  };
  return (
    <section aria-labelledby="interview-search-h">
      <h2 id="interview-search-h">{t('interview.search')}</h2>
      <form role="search" className="row" onSubmit={submit}>
        <input
          id="interview-search"
          type="search"
          aria-labelledby="interview-search-h"
          value={q}
          placeholder={t('interview.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          minLength={2}
        />
        <button type="submit">{t('interview.searchButton')}</button>
      </form>
      <ErrorMessage error={error} />
      {data && data.searchInterviews.edges.length === 0 && (
        <p className="muted">{t('interview.searchNone', { q: query })}</p>
      )}
      {data && (
        <ul className="list" data-search-results="true">
          {data.searchInterviews.edges.map((e) => (
            <InterviewItem key={e.node.id} i={e.node} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A company's Interviews tab (`/c/:slug/interviews`): aggregates, question search, the reviews. */
export function InterviewsPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [sort, setSort] = useState<InterviewSort>('Recent');
  const [outcome, setOutcome] = useState<InterviewOutcome | ''>('');
  const [jobTitle, setJobTitle] = useState('');
  const { data, items, error, loading, reload, more } = usePaged(
    (after, signal) =>
      publicRequest(
        InterviewsDocument,
        { companySlug: slug, sort, outcome: outcome || null, jobTitle: jobTitle.trim() || null, first: 20, after },
        { signal },
      ),
    (answer) => answer.interviews,
    [slug, sort, outcome, jobTitle],
  );
  const company = useLoad((signal) => publicRequest(CompanyInterviewStatsDocument, { slug }, { signal }), [slug]);
  if (company.error) return <ErrorMessage error={company.error} onRetry={company.reload} />;
  if (!company.data) return <Loading />;
  const { name, interviewStats } = company.data.company;
  return (
    <article>
      <PageTitle>{t('interview.title', { name })}</PageTitle>
      <p className="row">
        <Link to={`/c/${slug}`}>{t('app.back')}</Link>
        <Link className="button" to={`/c/${slug}/interview`}>
          {t('interview.write')}
        </Link>
      </p>
      <InterviewStatsSection stats={interviewStats} />
      <QuestionSearch slug={slug} />
      <section aria-labelledby="interviews-h">
        <h2 id="interviews-h">{t('interview.tab')}</h2>
        <div className="row">
          <label>
            {t('interview.sort')}{' '}
            <select value={sort} onChange={(e) => setSort(e.target.value as InterviewSort)}>
              <option value="Recent">{t('interview.sortRecent')}</option>
              <option value="Difficulty">{t('interview.sortDifficulty')}</option>
            </select>
          </label>
          <label>
            {t('interview.filterOutcome')}{' '}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as InterviewOutcome | '')}>
              <option value="">{t('interview.filterAll')}</option>
              {INTERVIEW_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`interview.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('interview.filterTitle')} <input value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} />
          </label>
        </div>
        {loading && !data && <Loading />}
        <ErrorMessage error={error} onRetry={reload} />
        {data && items.length === 0 && <p className="empty">{t('interview.none')}</p>}
        <ul className="list">
          {items.map((i) => (
            <InterviewItem key={i.id} i={i} />
          ))}
        </ul>
        <LoadMore more={more} />
      </section>
    </article>
  );
}
