import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { myPosts } from '../store/db';
import { useWallet } from '../store/wallet-context';
import { ExportKeysForm } from './author-keys';
import { ErrorMessage } from './ui';

/**
 * "Sign out" with what it means said first: everything this browser holds goes (the sign-in, the tokens,
 * and the keys that edit or delete one's posts), so it offers to save the keys in an encrypted file before
 * the next person at this browser could use them.
 */
export function SignOutButton({ label }: { label?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {label ?? t('signOut.button')}
      </button>
      {/* A portal: the button may sit in a paragraph, which cannot hold the dialog's form. */}
      {open && createPortal(<SignOutDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

function SignOutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [posts, setPosts] = useState<number | null>(null);
  const [step, setStep] = useState<'choose' | 'export'>('choose');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tokens = wallet.counts.post;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void myPosts().then((p) => setPosts(p.length));
  }, []);

  const signOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await wallet.signOut();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    // Escape closes a modal <dialog> (its cancel event): the same as Cancel.
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" onClose={onClose} data-testid="sign-out-dialog">
      <h2 id={titleId}>{t('signOut.title')}</h2>
      <p>{t('signOut.what', { tokens })}</p>
      {posts !== null && posts > 0 && <p>{t('signOut.posts', { count: posts })}</p>}
      {step === 'export' && <ExportKeysForm onSaved={() => setSaved(true)} />}
      <div className="actions">
        {step === 'choose' && posts !== null && posts > 0 && (
          <button type="button" onClick={() => setStep('export')}>
            {t('signOut.exportFirst')}
          </button>
        )}
        <button
          type="button"
          className={saved || !posts ? undefined : 'danger'}
          onClick={() => void signOut()}
          disabled={busy}
        >
          {saved || !posts ? t('signOut.now') : t('signOut.withoutExport')}
        </button>
        <button type="button" className="secondary" onClick={() => ref.current?.close()} disabled={busy}>
          {t('app.cancel')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </dialog>
  );
}
