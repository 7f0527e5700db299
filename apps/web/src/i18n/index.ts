import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
] as const;

const STORAGE_KEY = 'unlinked.lang';

function initialLanguage(): string {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === 'en' || saved === 'zh') return saved;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Each language's strings are a chunk of their own, loaded when the language is the reader's or chosen. */
const STRINGS: Record<string, () => Promise<object>> = {
  en: () => import('./en').then((m) => m.en),
  zh: () => import('./zh').then((m) => m.zh),
};

/** i18next loads a language through this before it switches to it (English too: every language's fallback). */
const chunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, done) {
    const load = STRINGS[language];
    if (!load) return done(null, {});
    load().then(
      (strings) => done(null, strings),
      (e: Error) => done(e, false),
    );
  },
};

/** Resolves once the reader's language is loaded: the app renders after it, never in a language then another. */
export const i18nReady = i18n
  .use(chunks)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

// The choice is kept at once, while its strings may still be loading: a reload right after it keeps it.
i18n.on('languageChanging', (lng: string) => localStorage.setItem(STORAGE_KEY, lng));
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'zh' ? 'zh-Hans' : 'en';
});
document.documentElement.lang = i18n.language === 'zh' ? 'zh-Hans' : 'en';

export default i18n;
