import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  CompanyDocument,
  EMPLOYMENT_TYPES,
  publicRequest,
  SalaryTitlesDocument,
  TENURE_BUCKETS,
  type SalaryDraft,
  type SalaryEmploymentType,
  type TenureBucket,
  type WriteReceipt,
} from '@unlinked/client';
import { useTitleName } from '../components/salary-table';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { useWallet } from '../store/wallet-context';

/** Common currencies first; any ISO 4217 code can be typed. */
const CURRENCIES = ['CNY', 'USD', 'HKD', 'SGD', 'EUR', 'GBP', 'JPY', 'TWD', 'CAD', 'AUD'];

interface Form {
  jobTitle: string;
  level: string;
  city: string;
  experience: TenureBucket | '';
  tenure: TenureBucket | '';
  employmentType: SalaryEmploymentType | '';
  currency: string;
  basePay: string;
  bonus: string;
  stock: string;
  signOn: string;
}

const EMPTY: Form = {
  jobTitle: '',
  level: '',
  city: '',
  experience: '',
  tenure: '',
  employmentType: '',
  currency: 'CNY',
  basePay: '',
  bonus: '0',
  stock: '0',
  signOn: '',
};

/** A whole number as typed (digits, spaces and thousands separators allowed); NaN otherwise. */
function amount(text: string): number {
  const digits = text.replace(/[\s,，_]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

function toDraft(f: Form): SalaryDraft {
  return {
    jobTitle: f.jobTitle,
    level: f.level.trim() ? f.level : null,
    city: f.city,
    experience: f.experience as TenureBucket,
    tenure: f.tenure as TenureBucket,
    employmentType: f.employmentType as SalaryEmploymentType,
    currency: f.currency.trim().toUpperCase(),
    basePay: amount(f.basePay),
    bonus: amount(f.bonus || '0'),
    stock: amount(f.stock || '0'),
    signOn: f.signOn.trim() ? amount(f.signOn) : null,
  };
}

function Buckets<T extends string>({
  id,
  label,
  value,
  options,
  text,
  onChange,
}: {
  id: string;
  label: string;
  value: T | '';
  options: readonly T[];
  text: (o: T) => string;
  onChange: (v: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} required value={value} onChange={(e) => onChange(e.target.value as T)}>
        <option value="" disabled>
          {t('salary.pick')}
        </option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/c/:slug/salary`: one salary report, paid with the company's ARC credential of this period. */
export function SalaryFormPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const wallet = useWallet();
  const { data, error: loadError } = useLoad(
    (signal) =>
      Promise.all([
        publicRequest(CompanyDocument, { slug }, { signal }),
        publicRequest(SalaryTitlesDocument, {}, { signal }),
      ]),
    [slug],
  );
  const titleName = useTitleName(data?.[1].salaryTitles);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!data) return <Loading />;
  const name = data[0].company.name;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  const heading = t('salary.form.heading', { name });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReceipt(await wallet.flows.createSalaryReport(slug, toDraft(form)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <section>
        <PageTitle>{heading}</PageTitle>
        <Notice kind="success">
          <span data-receipt={receipt.id}>{t('salary.form.sent')}</span>
        </Notice>
        <Link to={`/c/${slug}/salaries`}>{t('app.back')}</Link>
      </section>
    );
  }
  const text = (id: keyof Form, label: string, opts: { required?: boolean; hint?: string; list?: string } = {}) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        required={opts.required}
        list={opts.list}
        aria-describedby={opts.hint ? `${id}-hint` : undefined}
        value={form[id]}
        onChange={(e) => set(id, e.target.value)}
      />
      {opts.hint && (
        <p id={`${id}-hint`} className="muted">
          {opts.hint}
        </p>
      )}
    </div>
  );
  const money = (id: 'basePay' | 'bonus' | 'stock' | 'signOn', required: boolean) => (
    <div className="field">
      <label htmlFor={id}>
        {t(`salary.form.${id}`)} ({form.currency || '—'})
      </label>
      <input
        id={id}
        inputMode="numeric"
        pattern="[0-9 ,，_]*"
        required={required}
        value={form[id]}
        onChange={(e) => set(id, e.target.value)}
      />
    </div>
  );
  return (
    <form onSubmit={(e) => void submit(e)} className="prose compose">
      <PageTitle>{heading}</PageTitle>
      <Notice>{t('salary.form.privacy', { min: data[1].salaryMinimumReports })}</Notice>
      {text('jobTitle', t('salary.form.jobTitle'), {
        required: true,
        hint: t('salary.form.jobTitleHint'),
        list: 'salary-form-titles',
      })}
      <datalist id="salary-form-titles">
        {data[1].salaryTitles.map((ti) => (
          <option key={ti.key} value={titleName(ti.key, ti.name)} />
        ))}
      </datalist>
      {text('level', t('salary.form.level'), { hint: t('salary.form.levelHint') })}
      {text('city', t('salary.form.city'), { required: true })}
      <Buckets
        id="experience"
        label={t('salary.form.experience')}
        value={form.experience}
        options={TENURE_BUCKETS}
        text={(o) => t(`salary.buckets.${o}`)}
        onChange={(v) => set('experience', v)}
      />
      <Buckets
        id="tenure"
        label={t('salary.form.tenure')}
        value={form.tenure}
        options={TENURE_BUCKETS}
        text={(o) => t(`salary.buckets.${o}`)}
        onChange={(v) => set('tenure', v)}
      />
      <Buckets
        id="employmentType"
        label={t('salary.form.employmentType')}
        value={form.employmentType}
        options={EMPLOYMENT_TYPES}
        text={(o) => t(`salary.employment.${o}`)}
        onChange={(v) => set('employmentType', v)}
      />
      {text('currency', t('salary.form.currency'), { required: true, list: 'salary-currencies' })}
      <datalist id="salary-currencies">
        {CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {money('basePay', true)}
      {money('bonus', false)}
      {money('stock', false)}
      {money('signOn', false)}
      <button type="submit" disabled={busy}>
        {busy ? t('post.sending') : t('salary.form.submit')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
