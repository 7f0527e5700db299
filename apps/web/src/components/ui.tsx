import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '@unlinked/client';

/** An error message for any thrown value, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const key = errorKey(error);
  return (
    <div role="alert" className="notice error" data-code={key.slice('errors.'.length)}>
      <p>{t(key, { defaultValue: t('errors.UNKNOWN') })}</p>
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

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" aria-live="polite" className="muted">
      {t('app.loading')}
    </p>
  );
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

export function Stars({ value, label }: { value: number; label: string }) {
  const full = Math.round(value);
  return (
    <span className="stars" role="img" aria-label={label}>
      {'★'.repeat(full)}
      <span className="stars-empty">{'★'.repeat(Math.max(0, 5 - full))}</span>
    </span>
  );
}
