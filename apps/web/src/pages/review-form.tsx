import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { BusinessOutlook, CeoApproval, EmploymentStatus, ReviewDraft, WriteReceipt } from '@unlinked/client';
import { ErrorMessage, Notice, PageTitle } from '../components/ui';

import { useWallet } from '../store/wallet-context';

const SUBS = ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity'] as const;

function StarInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (n: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="stars-input" id={id}>
      <legend>{label}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n}>
          <input type="radio" name={id} value={n} checked={value === n} onChange={() => onChange(n)} required />
          {t('rating.stars', { count: n })}
        </label>
      ))}
    </fieldset>
  );
}

export function ReviewFormPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const wallet = useWallet();
  const [draft, setDraft] = useState<ReviewDraft>({
    overall: 0,
    culture: 0,
    workLife: 0,
    seniorManagement: 0,
    compensation: 0,
    career: 0,
    diversity: 0,
    ceoApproval: 'NoOpinion',
    recommend: true,
    outlook: 'Neutral',
    employment: 'Current',
    jobTitle: null,
    location: null,
    tenure: null,
    pros: '',
    cons: '',
    advice: null,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);
  const set = <K extends keyof ReviewDraft>(k: K, v: ReviewDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReceipt(await wallet.flows.createReview(slug, draft));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <section>
        <PageTitle>{t('review.write', { name: slug })}</PageTitle>
        <Notice kind="success">
          <span data-receipt={receipt.id}>{t('post.pending')}</span>
        </Notice>
        <Link to={`/c/${slug}`}>{t('app.back')}</Link>
      </section>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="prose compose">
      <PageTitle>{t('review.write', { name: slug })}</PageTitle>
      <StarInput id="overall" label={t('review.rating')} value={draft.overall} onChange={(n) => set('overall', n)} />
      {SUBS.map((k) => (
        <StarInput key={k} id={k} label={t(`rating.subs.${k}`)} value={draft[k]} onChange={(n) => set(k, n)} />
      ))}
      <div className="field">
        <label htmlFor="employment">{t('review.employmentLabel')}</label>
        <select
          id="employment"
          value={draft.employment}
          onChange={(e) => set('employment', e.target.value as EmploymentStatus)}
        >
          <option value="Current">{t('review.employment.Current')}</option>
          <option value="Former">{t('review.employment.Former')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="ceo">{t('rating.ceo')}</label>
        <select id="ceo" value={draft.ceoApproval} onChange={(e) => set('ceoApproval', e.target.value as CeoApproval)}>
          <option value="Approve">{t('review.ceo.Approve')}</option>
          <option value="Disapprove">{t('review.ceo.Disapprove')}</option>
          <option value="NoOpinion">{t('review.ceo.NoOpinion')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="outlook">{t('rating.outlook')}</label>
        <select id="outlook" value={draft.outlook} onChange={(e) => set('outlook', e.target.value as BusinessOutlook)}>
          <option value="Positive">{t('review.outlook.Positive')}</option>
          <option value="Neutral">{t('review.outlook.Neutral')}</option>
          <option value="Negative">{t('review.outlook.Negative')}</option>
        </select>
      </div>
      <label className="row">
        <input type="checkbox" checked={draft.recommend} onChange={(e) => set('recommend', e.target.checked)} />
        {t('rating.recommend')}
      </label>
      <div className="field">
        <label htmlFor="jobTitle">{t('review.jobTitle')}</label>
        <input id="jobTitle" value={draft.jobTitle ?? ''} onChange={(e) => set('jobTitle', e.target.value || null)} />
      </div>
      <div className="field">
        <label htmlFor="pros">{t('review.pros')}</label>
        <textarea id="pros" required value={draft.pros} onChange={(e) => set('pros', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="cons">{t('review.cons')}</label>
        <textarea id="cons" required value={draft.cons} onChange={(e) => set('cons', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="advice">{t('review.advice')}</label>
        <textarea id="advice" value={draft.advice ?? ''} onChange={(e) => set('advice', e.target.value || null)} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('post.sending') : t('review.post')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
