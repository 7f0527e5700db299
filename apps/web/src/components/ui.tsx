import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, errorKey } from '@unlinked/client/reading';
import { useSession } from '../store/wallet-context';

/** Errors the server names a field and limit for: the message says which field and what limit. */
const FIELD_ERRORS = new Set(['TEXT_EMPTY', 'TEXT_TOO_SHORT', 'TEXT_TOO_LONG']);

/** A moment as this reader's language writes date and time (a token's maturity, say). */
export function formatTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The words for an error: its code's message, naming the field and its limit where the server gave them. */
function useErrorText(error: unknown): { code: string; text: string; verify: boolean } {
  const { t, i18n } = useTranslation();
  const session = useSession();
  let code = errorKey(error).slice('errors.'.length);
  // No token and no account: the way forward is verifying, not a wallet this reader never had.
  if (code === 'NO_TOKENS' && session === null) code = 'NOT_VERIFIED';
  const details = error instanceof ApiError ? error.details : {};
  if (FIELD_ERRORS.has(code) && details.field) {
    const number = (n: number | undefined) => (n === undefined ? '' : n.toLocaleString(i18n.language));
    const text = t(`fieldErrors.${code}`, {
      field: t(`fields.${details.field}`, { defaultValue: details.field }),
      min: number(details.min),
      max: number(details.max),
    });
    return { code, text, verify: false };
  }
  // NOT_MATURE: the client's own clock says when the write can go (schedule.ts), shown in the reader's language.
  const time = details.availableAt ? formatTime(details.availableAt, i18n.language) : '';
  return {
    code,
    text: t(`errors.${code}`, { defaultValue: t('errors.UNKNOWN'), time }),
    verify: code === 'NOT_VERIFIED',
  };
}

/** An error message for any thrown value, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { code, text, verify } = useErrorText(error);
  if (!error) return null;
  return (
    <div role="alert" className="notice error" data-code={code}>
      <p>{text}</p>
      {verify && <Link to="/verify">{t('nav.verify')}</Link>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' | 'warn' }) {
  return (
    <div role="status" className={`notice ${kind}`}>
      {children}
    </div>
  );
}

/** While a page's data loads: its skeleton, announced as loading. */
export function Loading() {
  return <PageSkeleton title={false} />;
}

let navigated = false;
/** Called by the router on every in-app navigation (not on the first page of a visit). */
export function noteNavigation(): void {
  navigated = true;
}

/**
 * Sets the document title and, after an in-app navigation, moves focus to the
 * page heading (screen readers, keyboard). The first page of a visit keeps the
 * browser's focus, so the skip link stays the first Tab stop.
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · Unlinked`;
    if (navigated) ref.current?.focus();
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Five stars filled to the value (3.6 fills three and three fifths), read out as `label`. */
export function Stars({ value, label }: { value: number; label: string }) {
  const filled = `${(Math.min(5, Math.max(0, value)) / 5) * 100}%`;
  return (
    <span className="stars" role="img" aria-label={label}>
      <span className="stars-track">★★★★★</span>
      <span className="stars-fill" style={{ width: filled }}>
        ★★★★★
      </span>
    </span>
  );
}

/** Placeholder shapes while a page's code or data loads: the layout does not jump when it arrives. */
export function PageSkeleton({ rows = 3, title = true }: { rows?: number; title?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{t('app.loading')}</span>
      {title && <div className="skeleton-line skeleton-title" />}
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-card">
          <div className="skeleton-line" />
          <div className="skeleton-line short" />
        </div>
      ))}
    </div>
  );
}
