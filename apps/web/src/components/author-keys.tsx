import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  exportAuthorKeys,
  importAuthorKeys,
  KeyExportError,
  KeyExportErrorCode,
  mergeAuthorKeys,
  MIN_PASSPHRASE_LENGTH,
  readAuthorKeys,
} from '@unlinked/client';
import { browserStore } from '../store/db';
import { ErrorMessage, Notice } from './ui';

/** Hands a text file to the browser's download (nothing leaves the device). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saves this browser's author keys (and the list of its posts) in a file sealed with a passphrase
 * (libs/client key-export: scrypt + AES-GCM). The passphrase is typed twice and forgotten after use.
 */
export function ExportKeysForm({ onSaved }: { onSaved?: (fileName: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const mismatch = again.length > 0 && again !== passphrase;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passphrase !== again) return;
    setBusy(true);
    setError(null);
    try {
      const file = await exportAuthorKeys(await readAuthorKeys(browserStore), passphrase);
      const name = `unlinked-keys-${new Date().toISOString().slice(0, 10)}.json`;
      download(name, file);
      setPassphrase('');
      setAgain('');
      setSaved(name);
      onSaved?.(name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="export-keys">
      <p>{t('keys.exportIntro', { min: MIN_PASSPHRASE_LENGTH })}</p>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{t('keys.passphrase')}</label>
        <input
          id={`${id}-pass`}
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSPHRASE_LENGTH}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-again`}>{t('keys.passphraseAgain')}</label>
        <input
          id={`${id}-again`}
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
      </div>
      {mismatch && <p className="muted">{t('keys.mismatch')}</p>}
      <button type="submit" disabled={busy || mismatch}>
        {busy ? t('keys.encrypting') : t('keys.export')}
      </button>
      {saved && <Notice kind="success">{t('keys.saved', { file: saved })}</Notice>}
      <ErrorMessage error={error} />
    </form>
  );
}

/** Opens a key file saved in another browser (or by the CLI) and adds its keys and posts to this one. */
export function ImportKeysForm({ onImported }: { onImported?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ posts: number; total: number } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // A key file is a few kilobytes; anything huge is not one.
      if (file.size > 5_000_000) throw new KeyExportError(KeyExportErrorCode.Damaged);
      const keys = await importAuthorKeys(await file.text(), passphrase);
      const added = await mergeAuthorKeys(browserStore, keys);
      setPassphrase('');
      setResult({ posts: added.posts, total: keys.posts.length });
      onImported?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="import-keys">
      <p>{t('keys.importIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('keys.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{t('keys.passphrase')}</label>
        <input
          id={`${id}-pass`}
          type="password"
          autoComplete="current-password"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      <button type="submit" disabled={busy || !file}>
        {busy ? t('keys.decrypting') : t('keys.import')}
      </button>
      {result && <Notice kind="success">{t('keys.imported', { count: result.total, added: result.posts })}</Notice>}
      <ErrorMessage error={error} />
    </form>
  );
}
