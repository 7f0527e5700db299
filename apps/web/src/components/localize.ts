import { useTranslation } from 'react-i18next';
import { INDUSTRY_ZH, placeZh } from '../i18n/directory.zh';

interface Named {
  name: string;
  nameZh?: string | null;
}

/**
 * Directory data in the interface's language: a company's Chinese name (from the API), industries and
 * headquarters from the fixed vocabularies, and the shared boards' names and descriptions by slug.
 */
export function useLocalize() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh';
  return {
    company: (c: Named): string => (zh && c.nameZh ? c.nameZh : c.name),
    industry: (s: string): string => (zh ? (INDUSTRY_ZH[s] ?? s) : s),
    place: (s: string): string => (zh ? placeZh(s) : s),
    boardName: (b: { slug: string; name: string }): string => t(`boards.${b.slug}.name`, { defaultValue: b.name }),
    boardDescription: (b: { slug: string; description: string }): string =>
      t(`boards.${b.slug}.description`, { defaultValue: b.description }),
  };
}
