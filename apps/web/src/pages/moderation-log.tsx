import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { publicRequest, ModerationLogDocument } from '@unlinked/client';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';
import { useLoad } from '../components/use-load';
import { DateText } from '../components/forum';

export function ModerationLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const company = params.get('company') ?? '';
  const [input, setInput] = useState(company);
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      company
        ? publicRequest(ModerationLogDocument, { companySlug: company, period: 'WEEK' }, { signal })
        : Promise.resolve(null),
    [company],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(input.trim() ? { company: input.trim() } : {});
  };
  return (
    <section>
      <PageTitle>{t('moderation.logTitle')}</PageTitle>
      <p className="prose">{t('moderation.logIntro')}</p>
      <form className="row" onSubmit={submit}>
        <label htmlFor="log-company">{t('moderation.logCompany')}</label>
        <input id="log-company" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit">{t('home.search')}</button>
      </form>
      {loading && company && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.moderationLog.length === 0 && <p className="empty">{t('moderation.logEmpty')}</p>}
      {data && data.moderationLog.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('moderation.when')}</th>
              <th scope="col">{t('moderation.reason')}</th>
              <th scope="col">{t('moderation.removals')}</th>
            </tr>
          </thead>
          <tbody>
            {data.moderationLog.map((e) => (
              <tr key={`${e.periodStart}-${e.reason}`}>
                <td>
                  <DateText iso={e.periodStart} />
                </td>
                <td>{t(`moderation.reasons.${e.reason}`)}</td>
                <td>{e.removals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
