import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams, useSearchParams } from 'react-router-dom';
import {
  CompaniesDocument,
  CompanyDocument,
  publicRequest,
  SalaryComparisonDocument,
  SalaryGroupsDocument,
  SalaryLookupDocument,
  SalaryTitlesDocument,
  type SalaryGroupFieldsFragment,
  type SalarySort,
} from '@unlinked/client';
import { Pay, ScopeLabel, SalaryHead, SalaryRow, useTitleName } from '../components/salary-table';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';

/** The company page's tabs: its overview and its salaries. */
export function CompanyTabs({ slug }: { slug: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('salary.sections')} className="row tabs">
      <NavLink to={`/c/${slug}`} end>
        {t('salary.overview')}
      </NavLink>
      <NavLink to={`/c/${slug}/salaries`}>{t('salary.tab')}</NavLink>
    </nav>
  );
}

/** `/c/:slug/salaries`: a company's pay by title, with the levels and cities that have enough reports. */
export function CompanySalariesPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [sort, setSort] = useState<SalarySort>('Reports');
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      Promise.all([
        publicRequest(CompanyDocument, { slug }, { signal }),
        publicRequest(SalaryGroupsDocument, { companySlug: slug, sort, first: 50 }, { signal }),
        publicRequest(SalaryTitlesDocument, {}, { signal }),
      ]),
    [slug, sort],
  );
  const titleName = useTitleName(data?.[2].salaryTitles);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return null;
  const [{ company }, { salaryGroups }] = data;
  const min = data[2].salaryMinimumReports;
  return (
    <article>
      <PageTitle>{t('salary.companyTitle', { name: company.name })}</PageTitle>
      <CompanyTabs slug={slug} />
      <p className="muted">{t('salary.intro', { min })}</p>
      <div className="row">
        <Link className="button" to={`/c/${slug}/salary`}>
          {t('salary.add')}
        </Link>
        <Link to={`/salaries/compare?c=${slug}`}>{t('salary.compare')}</Link>
        <Link to="/salaries">{t('salary.lookup')}</Link>
        <label>
          {t('salary.sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as SalarySort)}>
            <option value="Reports">{t('salary.sortReports')}</option>
            <option value="MedianTotal">{t('salary.sortMedian')}</option>
            <option value="Title">{t('salary.sortTitle')}</option>
          </select>
        </label>
      </div>
      {salaryGroups.edges.length === 0 ? (
        <p className="empty">{t('salary.none')}</p>
      ) : (
        <table className="stack-table salaries">
          <SalaryHead first={t('salary.title')} />
          <tbody>
            {salaryGroups.edges.flatMap(({ node }) => [
              <SalaryRow
                key={`${node.titleKey}:${node.currency}`}
                group={node}
                first={
                  <>
                    {titleName(node.titleKey, node.jobTitle)} <span className="muted">{node.currency}</span>
                  </>
                }
              />,
              ...node.breakdown.map((g) => (
                <SalaryRow
                  key={`${node.titleKey}:${node.currency}:${g.scope}:${g.level}:${g.city}`}
                  group={g}
                  first={
                    <span className="indent">
                      ↳ <ScopeLabel group={g} />
                    </span>
                  }
                />
              )),
            ])}
          </tbody>
        </table>
      )}
    </article>
  );
}

function CompanySelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('salary.pick')}</option>
        {options.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/salaries/compare?c=<slug>&with=<slug>,<slug>`: one company's titles beside the same titles elsewhere. */
export function SalaryComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const company = params.get('c') ?? '';
  const others = (params.get('with') ?? '').split(',').filter(Boolean);
  const [draft, setDraft] = useState<string[]>([company, ...others, '', '', ''].slice(0, 4));
  const { data: lists } = useLoad(
    (signal) =>
      Promise.all([
        publicRequest(CompaniesDocument, { first: 100 }, { signal }),
        publicRequest(SalaryTitlesDocument, {}, { signal }),
      ]),
    [],
  );
  const titleName = useTitleName(lists?.[1].salaryTitles);
  const { data, error } = useLoad(
    (signal) =>
      company && others.length > 0
        ? publicRequest(SalaryComparisonDocument, { companySlug: company, compareWith: others }, { signal })
        : Promise.resolve(null),
    [company, others.join(',')],
  );
  const options = lists?.[0].companies.edges.map((e) => e.node) ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [c, ...w] = draft;
    setParams({ c, with: w.filter(Boolean).join(',') });
  };
  const set = (i: number, v: string) => setDraft(draft.map((d, j) => (j === i ? v : d)));
  return (
    <article>
      <PageTitle>{t('salary.compareTitle')}</PageTitle>
      <p className="muted">{t('salary.compareIntro')}</p>
      <form onSubmit={submit} className="compare-form">
        <CompanySelect
          id="compare-0"
          label={t('salary.company')}
          value={draft[0]}
          onChange={(v) => set(0, v)}
          options={options}
        />
        {[1, 2, 3].map((i) => (
          <CompanySelect
            key={i}
            id={`compare-${i}`}
            label={`${t('salary.others')} ${i}`}
            value={draft[i]}
            onChange={(v) => set(i, v)}
            options={options}
          />
        ))}
        <button type="submit" disabled={!draft[0] || !draft.slice(1).some(Boolean)}>
          {t('salary.show')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {data && data.salaryComparison.rows.length === 0 && <p className="muted">{t('salary.noTitles')}</p>}
      {data && data.salaryComparison.rows.length > 0 && (
        <table className="salaries compare">
          <thead>
            <tr>
              <th scope="col">{t('salary.title')}</th>
              {data.salaryComparison.companies.map((c) => (
                <th scope="col" key={c.slug}>
                  <Link to={`/c/${c.slug}/salaries`}>{c.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.salaryComparison.rows.map((row) => (
              <tr key={`${row.titleKey}:${row.currency}`} data-title={row.titleKey}>
                <th scope="row">
                  {titleName(row.titleKey, row.jobTitle)} <span className="muted">{row.currency}</span>
                </th>
                {row.cells.map((cell, i) => (
                  <td key={i} data-company={data.salaryComparison.companies[i].slug}>
                    {!cell ? (
                      <span className="muted">{t('salary.noReports')}</span>
                    ) : cell.visible && cell.total ? (
                      <CellPay cell={cell} />
                    ) : (
                      <span className="muted" data-not-enough="true">
                        {t('salary.notEnough', { count: cell.reportCount, min: cell.minimumReports })}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function CellPay({ cell }: { cell: SalaryGroupFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <>
      <Pay range={cell.total} currency={cell.currency} />
      <br />
      <span className="muted">{t('salary.reports', { count: cell.reportCount })}</span>
    </>
  );
}

/** `/salaries`: "what would I earn" by title, level and city, across companies. */
export function SalaryLookupPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = {
    jobTitle: params.get('title') ?? '',
    level: params.get('level') ?? '',
    city: params.get('city') ?? '',
  };
  const [draft, setDraft] = useState(query);
  const { data: titles } = useLoad((signal) => publicRequest(SalaryTitlesDocument, {}, { signal }), []);
  const titleName = useTitleName(titles?.salaryTitles);
  const { data, error, loading } = useLoad(
    (signal) =>
      query.jobTitle
        ? publicRequest(
            SalaryLookupDocument,
            { jobTitle: query.jobTitle, level: query.level || null, city: query.city || null, first: 50 },
            { signal },
          )
        : Promise.resolve(null),
    [query.jobTitle, query.level, query.city],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = { title: draft.jobTitle.trim() };
    if (draft.level.trim()) next.level = draft.level.trim();
    if (draft.city.trim()) next.city = draft.city.trim();
    setParams(next);
  };
  return (
    <article>
      <PageTitle>{t('salary.lookupTitle')}</PageTitle>
      <p className="muted">{t('salary.lookupIntro')}</p>
      <p>
        <Link to="/salaries/compare">{t('salary.compare')}</Link>
      </p>
      <form onSubmit={submit} className="lookup-form">
        <div className="field">
          <label htmlFor="lookup-title">{t('salary.form.jobTitle')}</label>
          <input
            id="lookup-title"
            list="salary-titles"
            required
            value={draft.jobTitle}
            onChange={(e) => setDraft({ ...draft, jobTitle: e.target.value })}
          />
          <datalist id="salary-titles">
            {titles?.salaryTitles.map((ti) => (
              <option key={ti.key} value={titleName(ti.key, ti.name)} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="lookup-level">{t('salary.form.level')}</label>
          <input
            id="lookup-level"
            value={draft.level}
            onChange={(e) => setDraft({ ...draft, level: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="lookup-city">{t('salary.form.city')}</label>
          <input id="lookup-city" value={draft.city} onChange={(e) => setDraft({ ...draft, city: e.target.value })} />
        </div>
        <button type="submit">{t('salary.lookupSearch')}</button>
      </form>
      {loading && query.jobTitle && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && data.salaryLookup.edges.length === 0 && <p className="muted">{t('salary.lookupNone')}</p>}
      {data && data.salaryLookup.edges.length > 0 && (
        <table className="stack-table salaries lookup">
          <SalaryHead first={t('salary.company')} />
          <tbody>
            {data.salaryLookup.edges.map(({ node }) => (
              <SalaryRow
                key={`${node.company.slug}:${node.currency}`}
                group={node}
                first={
                  <>
                    <Link to={`/c/${node.company.slug}/salaries`}>{node.company.name}</Link>
                    <br />
                    <span className="muted">
                      <ScopeLabel group={node} /> · {node.currency}
                    </span>
                  </>
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
