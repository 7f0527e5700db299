import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CompanyCardFieldsFragment } from '@unlinked/client';
import { useLocalize } from './localize';
import { Stars } from './ui';

/** A company as a card: initial-letter logo, name in the interface's language, rating and review count. */
export function CompanyCard({ c, note }: { c: CompanyCardFieldsFragment; note?: string }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const name = l.company(c);
  const stats = c.reviewStats;
  const avg = stats.aggregatesVisible && stats.averageOverall !== null ? stats.averageOverall.toFixed(1) : null;
  return (
    <li className="card company-card" data-company={c.slug}>
      <span className="logo" aria-hidden="true">
        {[...name][0]?.toUpperCase()}
      </span>
      <div>
        <Link to={`/c/${c.slug}`} className="card-title">
          {name}
        </Link>
        <p className="muted">
          {[c.industry && l.industry(c.industry), c.headquarters && l.place(c.headquarters)]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className="rating-line">
          {avg !== null ? (
            <>
              <strong>{avg}</strong> <Stars value={stats.averageOverall!} label={t('rating.outOf', { value: avg })} />
            </>
          ) : (
            <span className="muted">{t('home.noRating')}</span>
          )}
          {stats.reviewCount > 0 && <span className="muted"> {t('rating.count', { count: stats.reviewCount })}</span>}
        </p>
        {note && <p className="muted">{note}</p>}
      </div>
    </li>
  );
}
