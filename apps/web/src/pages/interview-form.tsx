import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  CompanyDocument,
  INTERVIEW_EXPERIENCES,
  INTERVIEW_LIMITS,
  INTERVIEW_OUTCOMES,
  INTERVIEW_SOURCES,
  JobTitlesDocument,
  PROCESS_LENGTHS,
  publicRequest,
  recentMonths,
  type InterviewDraft,
  type WriteReceipt,
} from '@unlinked/client';
import { useLoad } from '../components/use-load';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { useWallet } from '../store/wallet-context';
import { Choice } from './review-form';
import { monthText, readerLocale } from '../components/relative-time';

/** The form's state: no choice made until the candidate makes it (no default may bias an answer). */
type Form = { [K in keyof InterviewDraft]: InterviewDraft[K] | null };

const EMPTY: Form = {
  jobTitle: '',
  month: null,
  source: null,
  difficulty: null,
  experience: null,
  outcome: null,
  processLength: null,
  stages: '',
  questions: [''],
  showCompany: false,
};

/** Every required answer given (empty question lines dropped): the draft the API takes. */
function complete(f: Form): InterviewDraft | null {
  const questions = (f.questions ?? []).filter((q) => q.trim() !== '');
  const draft = { ...f, questions };
  return Object.values(draft).some((v) => v === null) ? null : (draft as InterviewDraft);
}

/** Writing an interview review of a company (`/c/:slug/interview`), as a verified member of any company. */
export function InterviewFormPage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const wallet = useWallet();
  const { data, error: loadError } = useLoad(
    async (signal) => {
      const [company, titles] = await Promise.all([
        publicRequest(CompanyDocument, { slug }, { signal }),
        publicRequest(JobTitlesDocument, {}, { signal }),
      ]);
      return { company: company.company, titles: titles.jobTitles };
    },
    [slug],
  );
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<WriteReceipt | null>(null);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!data) return <Loading />;
  const heading = t('interview.writeTitle', { name: data.company.name });
  const own = wallet.session?.account.company;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  const questions = form.questions ?? [''];
  const setQuestion = (n: number, v: string) =>
    set(
      'questions',
      questions.map((q, i) => (i === n ? v : q)),
    );

  if (!own) {
    return (
      <section>
        <PageTitle>{heading}</PageTitle>
        <Notice kind="warn">{t('interview.notVerified')}</Notice>
        <Link to="/verify">{t('nav.verify')}</Link>
      </section>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const draft = complete(form);
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      setReceipt(await wallet.flows.createInterview({ id: data.company.id, slug }, own.slug, draft));
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
          <span data-receipt={receipt.id}>{t('post.pending')}</span>
        </Notice>
        <Link to={`/c/${slug}/interviews`}>{t('app.back')}</Link>
      </section>
    );
  }
  const zh = i18n.language.startsWith('zh');
  return (
    <form onSubmit={(e) => void submit(e)} className="prose compose">
      <PageTitle>{heading}</PageTitle>
      <p className="muted">{t('interview.oncePerPeriod')}</p>
      <div className="field">
        <label htmlFor="jobTitle">{t('interview.jobTitle')}</label>
        <input
          id="jobTitle"
          list="job-titles"
          required
          maxLength={INTERVIEW_LIMITS.title}
          aria-describedby="jobTitle-hint"
          value={form.jobTitle ?? ''}
          onChange={(e) => set('jobTitle', e.target.value)}
        />
        <datalist id="job-titles">
          {data.titles.map((jt) => (
            <option key={jt.key} value={zh ? jt.zh : jt.en} />
          ))}
        </datalist>
        <p id="jobTitle-hint" className="muted">
          {t('interview.jobTitleHint')}
        </p>
      </div>
      <Choice
        id="month"
        label={t('interview.month')}
        options={recentMonths()}
        value={form.month}
        text={(m) => monthText(m, readerLocale(i18n.language))}
        onChange={(v) => set('month', v)}
      />
      <Choice
        id="source"
        label={t('interview.source')}
        options={INTERVIEW_SOURCES}
        value={form.source}
        text={(o) => t(`interview.sources.${o}`)}
        onChange={(v) => set('source', v)}
      />
      <fieldset className="choice-row" id="difficulty">
        <legend>{t('interview.difficulty')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input
              type="radio"
              name="difficulty"
              required
              checked={form.difficulty === n}
              onChange={() => set('difficulty', n)}
              aria-label={t('interview.difficultyValue', { value: n })}
            />
            {n}
          </label>
        ))}
      </fieldset>
      <Choice
        id="experience"
        label={t('interview.experience')}
        options={INTERVIEW_EXPERIENCES}
        value={form.experience}
        text={(o) => t(`interview.experiences.${o}`)}
        onChange={(v) => set('experience', v)}
      />
      <Choice
        id="outcome"
        label={t('interview.outcome')}
        options={INTERVIEW_OUTCOMES}
        value={form.outcome}
        text={(o) => t(`interview.outcomes.${o}`)}
        onChange={(v) => set('outcome', v)}
      />
      <Choice
        id="processLength"
        label={t('interview.processLength')}
        options={PROCESS_LENGTHS}
        value={form.processLength}
        text={(o) => t(`interview.lengths.${o}`)}
        onChange={(v) => set('processLength', v)}
      />
      <div className="field">
        <label htmlFor="stages">{t('interview.stages')}</label>
        <textarea
          id="stages"
          required
          aria-describedby="stages-hint"
          value={form.stages ?? ''}
          onChange={(e) => set('stages', e.target.value)}
        />
        <p id="stages-hint" className="muted">
          {t('interview.stagesHint')}
        </p>
      </div>
      <fieldset id="questions">
        <legend>{t('interview.questions')}</legend>
        {questions.map((q, n) => (
          <div key={n} className="row">
            <label htmlFor={`question-${n}`} className="sr-only">
              {t('interview.question', { n: n + 1 })}
            </label>
            <input
              id={`question-${n}`}
              value={q}
              maxLength={INTERVIEW_LIMITS.question}
              placeholder={t('interview.question', { n: n + 1 })}
              onChange={(e) => setQuestion(n, e.target.value)}
            />
            {questions.length > 1 && (
              <button
                type="button"
                className="secondary"
                aria-label={t('interview.removeQuestion', { n: n + 1 })}
                onClick={() =>
                  set(
                    'questions',
                    questions.filter((_, i) => i !== n),
                  )
                }
              >
                ×
              </button>
            )}
          </div>
        ))}
        {questions.length < INTERVIEW_LIMITS.questions && (
          <button type="button" className="secondary" onClick={() => set('questions', [...questions, ''])}>
            {t('interview.addQuestion')}
          </button>
        )}
      </fieldset>
      <div className="field">
        <label>
          <input
            type="checkbox"
            id="showCompany"
            checked={form.showCompany ?? false}
            aria-describedby="showCompany-hint"
            onChange={(e) => set('showCompany', e.target.checked)}
          />{' '}
          {t('interview.showCompany', { company: own.name })}
        </label>
        <p id="showCompany-hint" className="muted">
          {t('interview.showCompanyHint', { company: own.name })}
        </p>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('post.sending') : t('interview.post')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
