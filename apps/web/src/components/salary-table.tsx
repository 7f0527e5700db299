import { useTranslation } from 'react-i18next';
import { formatPay, type SalaryGroupFieldsFragment, type SalaryTitlesQuery } from '@unlinked/client';

export type SalaryTitles = SalaryTitlesQuery['salaryTitles'];

/** A title in the reader's language: the list's Chinese name in Chinese, else the group's own name. */
export function useTitleName(titles: SalaryTitles | undefined): (key: string, fallback: string) => string {
  const { i18n } = useTranslation();
  return (key, fallback) => {
    const entry = titles?.find((t) => t.key === key);
    if (!entry) return fallback;
    return i18n.language.startsWith('zh') ? entry.nameZh : entry.name;
  };
}

/** What a group is: the whole title, or one level, one city, or both. */
export function ScopeLabel({ group }: { group: Pick<SalaryGroupFieldsFragment, 'scope' | 'level' | 'city'> }) {
  const { t } = useTranslation();
  return <>{t(`salary.scope.${group.scope}`, { level: group.level ?? '', city: group.city ?? '' })}</>;
}

/** Median and middle half of one component, or nothing when the group is too small. */
export function Pay({ range, currency }: { range: SalaryGroupFieldsFragment['total']; currency: string }) {
  const { i18n } = useTranslation();
  if (!range) return <span className="muted">—</span>;
  const f = (n: number) => formatPay(n, currency, i18n.language);
  return (
    <span data-median={range.median}>
      <strong>{f(range.median)}</strong>{' '}
      <span className="muted">
        ({f(range.p25)} – {f(range.p75)})
      </span>
    </span>
  );
}

/** One group as a row: its reports, then every component, or "not enough reports yet". */
export function SalaryRow({ group, first }: { group: SalaryGroupFieldsFragment; first: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <tr data-group={`${group.company.slug}:${group.titleKey}:${group.scope}:${group.level ?? ''}:${group.city ?? ''}`}>
      <th scope="row" data-label={t('salary.group')}>
        {first}
      </th>
      <td data-label={t('salary.reportsHead')}>
        {t('salary.reports', { count: group.reportCount })}
        {group.demoReports > 0 && (
          <>
            {' '}
            <span className="badge" data-demo="true">
              {t('salary.demo')}
            </span>
          </>
        )}
      </td>
      {group.visible ? (
        (['total', 'base', 'bonus', 'stock'] as const).map((k) => (
          <td key={k} data-label={t(`salary.${k}`)}>
            <Pay range={group[k]} currency={group.currency} />
          </td>
        ))
      ) : (
        <td colSpan={4} className="muted" data-not-enough="true">
          {t('salary.notEnough', { count: group.reportCount, min: group.minimumReports })}
        </td>
      )}
    </tr>
  );
}

export function SalaryHead({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('salary.reportsHead')}</th>
        <th scope="col">
          {t('salary.total')} · {t('salary.median')} ({t('salary.range')})
        </th>
        <th scope="col">{t('salary.base')}</th>
        <th scope="col">{t('salary.bonus')}</th>
        <th scope="col">{t('salary.stock')}</th>
      </tr>
    </thead>
  );
}
