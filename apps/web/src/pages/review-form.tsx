import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  CompanyDocument,
  publicRequest,
  type BusinessOutlook,
  type CeoApproval,
  type EmploymentStatus,
  type MyPost,
  type ReviewDraft,
  type TenureBucket,
  type WriteReceipt,
} from '@unlinked/client';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { myPosts } from '../store/db';
import { useWallet } from '../store/wallet-context';

const SUBS = ['culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity'] as const;
const CEO: CeoApproval[] = ['Approve', 'Disapprove', 'NoOpinion'];
const OUTLOOK: BusinessOutlook[] = ['Positive', 'Neutral', 'Negative'];
const EMPLOYMENT: EmploymentStatus[] = ['Current', 'Former'];
const TENURE: TenureBucket[] = [
  'LessThanOneYear',
  'OneToThreeYears',
  'ThreeToFiveYears',
  'FiveToTenYears',
  'MoreThanTenYears',
];

/** The review's few-option questions; all but tenure required, none answered at first. */
const CHOICES = [
  { id: 'ceo', field: 'ceoApproval', label: 'rating.ceo', prefix: 'review.ceo', options: CEO, required: true },
  {
    id: 'outlook',
    field: 'outlook',
    label: 'rating.outlook',
    prefix: 'review.outlook',
    options: OUTLOOK,
    required: true,
  },
  {
    id: 'employment',
    field: 'employment',
    label: 'review.employmentLabel',
    prefix: 'review.employment',
    options: EMPLOYMENT,
    required: true,
  },
  {
    id: 'tenure',
    field: 'tenure',
    label: 'review.tenureLabel',
    prefix: 'review.tenure',
    options: TENURE,
    required: false,
  },
] as const;

/** The form's state: nothing chosen until the author chooses it (no default may bias a rating). */
type Choices = {
  [K in keyof ReviewDraft]: K extends 'jobTitle' | 'location' | 'tenure' | 'advice' | 'pros' | 'cons'
    ? ReviewDraft[K]
    : ReviewDraft[K] | null;
};

const EMPTY: Choices = {
  overall: null,
  culture: null,
  workLife: null,
  seniorManagement: null,
  compensation: null,
  career: null,
  diversity: null,
  ceoApproval: null,
  recommend: null,
  outlook: null,
  employment: null,
  jobTitle: null,
  location: null,
  tenure: null,
  pros: '',
  cons: '',
  advice: null,
};

/** A 1–5 star rating: a radio group (arrow keys move, one tab stop) drawn as stars. */
function StarInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number | null;
  onChange: (n: number) => void;
}) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? value ?? 0;
  return (
    <fieldset className="star-input" id={id} onMouseLeave={() => setHover(null)}>
      <legend>{label}</legend>
      <div className="stars-row">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= shown ? 'on' : undefined} onMouseEnter={() => setHover(n)}>
            <input
              type="radio"
              name={id}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              required
              aria-label={t('rating.stars', { count: n })}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
        <span className="muted star-value" aria-hidden="true">
          {value ? t('rating.stars', { count: value }) : t('review.notRated')}
        </span>
      </div>
    </fieldset>
  );
}

/** A required choice among a few options, with no option chosen at first. */
export function Choice<T extends string>({
  id,
  label,
  options,
  value,
  text,
  onChange,
  required = true,
}: {
  id: string;
  label: string;
  options: readonly T[];
  value: T | null;
  text: (o: T) => string;
  onChange: (v: T | null) => void;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        required={required}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as T))}
      >
        <option value="">{required ? t('review.choose') : t('review.preferNotToSay')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every required choice made: the draft the API takes. */
function complete(c: Choices): ReviewDraft | null {
  const missing = Object.entries(c).some(
    ([k, v]) => v === null && !['jobTitle', 'location', 'tenure', 'advice'].includes(k),
  );
  return missing ? null : (c as ReviewDraft);
}

/** Writing a review (`/c/:slug/review`) or editing one's own (`/c/:slug/review/:id/edit`, fields kept in this browser). */
export function ReviewFormPage() {
  const { t } = useTranslation();
  const { slug = '', id } = useParams();
  const wallet = useWallet();
  const { data, error: loadError } = useLoad(
    async (signal) => {
      const [company, mine] = await Promise.all([
        publicRequest(CompanyDocument, { slug }, { signal }),
        id ? myPosts() : Promise.resolve([] as MyPost[]),
      ]);
      return { name: company.company.name, post: mine.find((p) => p.id === id && p.kind === 'review') };
    },
    [slug, id],
  );
  const [choices, setChoices] = useState<Choices | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!data) return <Loading />;
  const editing = id ? data.post : undefined;
  if (id && !editing) return <Notice kind="warn">{t('review.notYours')}</Notice>;
  const c = choices ?? editing?.review ?? EMPTY;
  const set = <K extends keyof Choices>(k: K, v: Choices[K]) => setChoices({ ...c, [k]: v });
  const heading = editing ? t('review.editTitle', { name: data.name }) : t('review.write', { name: data.name });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const draft = complete(c);
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      setReceipt(
        editing ? await wallet.flows.editReview(editing, draft) : await wallet.flows.createReview(slug, draft),
      );
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
          <span data-receipt={receipt.id}>{editing ? t('mine.saved') : t('post.pending')}</span>
        </Notice>
        <Link to={`/c/${slug}`}>{t('app.back')}</Link>
      </section>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="prose compose">
      <PageTitle>{heading}</PageTitle>
      <StarInput id="overall" label={t('review.rating')} value={c.overall} onChange={(n) => set('overall', n)} />
      {SUBS.map((k) => (
        <StarInput key={k} id={k} label={t(`rating.subs.${k}`)} value={c[k]} onChange={(n) => set(k, n)} />
      ))}
      <fieldset className="choice-row" id="recommend">
        <legend>{t('rating.recommend')}</legend>
        {[true, false].map((v) => (
          <label key={String(v)}>
            <input
              type="radio"
              name="recommend"
              required
              checked={c.recommend === v}
              onChange={() => set('recommend', v)}
            />
            {v ? t('review.yes') : t('review.no')}
          </label>
        ))}
      </fieldset>
      {CHOICES.map((ch) => (
        <Choice<string>
          key={ch.id}
          id={ch.id}
          label={t(ch.label)}
          options={ch.options}
          value={c[ch.field]}
          text={(o) => t(`${ch.prefix}.${o}`)}
          onChange={(v) => set(ch.field, v as never)}
          required={ch.required}
        />
      ))}
      <div className="field">
        <label htmlFor="jobTitle">{t('review.jobTitle')}</label>
        <input id="jobTitle" value={c.jobTitle ?? ''} onChange={(e) => set('jobTitle', e.target.value || null)} />
      </div>
      <div className="field">
        <label htmlFor="location">{t('review.location')}</label>
        <input
          id="location"
          aria-describedby="location-hint"
          value={c.location ?? ''}
          onChange={(e) => set('location', e.target.value || null)}
        />
        <p id="location-hint" className="muted">
          {t('review.narrowHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="pros">{t('review.pros')}</label>
        <textarea id="pros" required value={c.pros} onChange={(e) => set('pros', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="cons">{t('review.cons')}</label>
        <textarea id="cons" required value={c.cons} onChange={(e) => set('cons', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="advice">{t('review.advice')}</label>
        <textarea id="advice" value={c.advice ?? ''} onChange={(e) => set('advice', e.target.value || null)} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('post.sending') : editing ? t('app.save') : t('review.post')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
