import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The reader's chosen theme on this device; without one, the system's (styles.css: color-scheme light dark). */
export const THEME_SETTING = 'unlinked.theme';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(THEME_SETTING);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

/** Applies the chosen theme before the first render, so the page does not flash the other one. */
export function applyStoredTheme(): void {
  const theme = stored();
  if (theme) document.documentElement.dataset.theme = theme;
}

/** Dark theme on or off; the choice is kept in localStorage and overrides the system setting. */
export function ThemeToggle() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(
    () => stored() ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
  );
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_SETTING, next);
    document.documentElement.dataset.theme = next;
    setTheme(next);
  };
  return (
    <button
      type="button"
      className="secondary theme-toggle"
      aria-pressed={theme === 'dark'}
      aria-label={t('theme.dark')}
      title={t('theme.dark')}
      onClick={toggle}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
