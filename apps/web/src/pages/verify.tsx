import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { identityRequest, RequestVerificationCodeDocument, VerifyCodeDocument } from '@unlinked/client';
import { SignOutButton } from '../components/sign-out';
import { ErrorMessage, Notice, PageTitle } from '../components/ui';
import { useWallet } from '../store/wallet-context';

export function VerifyPage() {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'email' | 'code' | 'done'>('email');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const [resent, setResent] = useState(false);
  const sendCode = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await identityRequest(RequestVerificationCodeDocument, { email: email.trim() });
      setStep('code');
    });
  };
  const resend = () =>
    void run(async () => {
      setResent(false);
      await identityRequest(RequestVerificationCodeDocument, { email: email.trim() });
      setResent(true);
    });
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { verifyCode } = await identityRequest(VerifyCodeDocument, {
        email: email.trim(),
        code: code.trim(),
      });
      await wallet.setSignedIn({
        token: verifyCode.token,
        expiresAt: verifyCode.expiresAt,
        account: verifyCode.account,
      });
      // The address is not needed any more: forget it.
      setEmail('');
      setCode('');
      setStep('done');
    });
  };
  return (
    <section className="prose">
      <PageTitle>{t('verify.title')}</PageTitle>
      {wallet.session ? (
        <>
          <Notice kind="success">
            <p>{t('verify.signedIn', { company: wallet.session.account.company.name })}</p>
            {step === 'done' && <p>{t('verify.done')}</p>}
          </Notice>
          <h2>{t('verify.nextTitle')}</h2>
          <ul className="next-steps">
            <li>
              <Link to={`/c/${wallet.session.account.company.slug}/review`}>
                {t('verify.nextReview', { company: wallet.session.account.company.name })}
              </Link>
            </li>
            <li>
              <Link to={`/c/${wallet.session.account.company.slug}/board`}>
                {t('verify.nextBoard', { company: wallet.session.account.company.name })}
              </Link>
            </li>
            <li>
              <Link to="/">{t('verify.nextRead')}</Link>
            </li>
          </ul>
          <p className="row">
            <Link to="/wallet" className="button">
              {t('nav.wallet')}
            </Link>
            <SignOutButton />
          </p>
        </>
      ) : step === 'email' ? (
        <form onSubmit={sendCode}>
          {params.has('signed-out') && <Notice kind="success">{t('signOut.done')}</Notice>}
          <p>{t('verify.intro')}</p>
          <div className="field">
            <label htmlFor="email">{t('verify.email')}</label>
            <input
              id="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" disabled={busy}>
            {t('verify.send')}
          </button>
        </form>
      ) : (
        <form onSubmit={confirm}>
          <Notice>{t('verify.sent', { email })}</Notice>
          <div className="field">
            <label htmlFor="code">{t('verify.code')}</label>
            <input
              id="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div className="row">
            <button type="submit" disabled={busy}>
              {t('verify.confirm')}
            </button>
            <button type="button" className="secondary" onClick={resend} disabled={busy}>
              {t('verify.resend')}
            </button>
            <button type="button" className="secondary" onClick={() => setStep('email')}>
              {t('app.back')}
            </button>
          </div>
          {resent && <Notice kind="success">{t('verify.resent')}</Notice>}
        </form>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
