/**
 * The normalised job titles interview reviews are grouped by, with a
 * free-text fallback. A title the list knows (its English or Chinese name or
 * an alias, in any case and spacing) is stored under its key and shown by its
 * name; any other title is stored as written and grouped by its folded text
 * ("custom:<folded>"), so "Data wrangler" and "data  WRANGLER" count together.
 */
export interface JobTitle {
  readonly key: string;
  readonly en: string;
  readonly zh: string;
  readonly aliases?: readonly string[];
}

export const JOB_TITLES: readonly JobTitle[] = [
  {
    key: 'software-engineer',
    en: 'Software Engineer',
    zh: '软件工程师',
    aliases: ['swe', 'developer', '开发工程师', '程序员'],
  },
  {
    key: 'senior-software-engineer',
    en: 'Senior Software Engineer',
    zh: '高级软件工程师',
    aliases: ['senior swe', '高级开发工程师'],
  },
  {
    key: 'frontend-engineer',
    en: 'Frontend Engineer',
    zh: '前端工程师',
    aliases: ['front-end engineer', 'front end engineer'],
  },
  {
    key: 'backend-engineer',
    en: 'Backend Engineer',
    zh: '后端工程师',
    aliases: ['back-end engineer', 'back end engineer', '服务端工程师'],
  },
  {
    key: 'mobile-engineer',
    en: 'Mobile Engineer',
    zh: '移动端工程师',
    aliases: ['ios engineer', 'android engineer', '客户端工程师'],
  },
  { key: 'data-scientist', en: 'Data Scientist', zh: '数据科学家' },
  { key: 'data-engineer', en: 'Data Engineer', zh: '数据工程师', aliases: ['大数据开发工程师'] },
  { key: 'data-analyst', en: 'Data Analyst', zh: '数据分析师' },
  {
    key: 'ml-engineer',
    en: 'Machine Learning Engineer',
    zh: '机器学习工程师',
    aliases: ['ml engineer', '算法工程师', 'algorithm engineer'],
  },
  {
    key: 'sre',
    en: 'Site Reliability Engineer',
    zh: '运维开发工程师',
    aliases: ['sre', 'devops engineer', '运维工程师'],
  },
  { key: 'qa-engineer', en: 'QA Engineer', zh: '测试工程师', aliases: ['test engineer', 'sdet', '测试开发工程师'] },
  { key: 'security-engineer', en: 'Security Engineer', zh: '安全工程师' },
  { key: 'engineering-manager', en: 'Engineering Manager', zh: '技术经理', aliases: ['em', '研发经理'] },
  { key: 'product-manager', en: 'Product Manager', zh: '产品经理', aliases: ['pm'] },
  {
    key: 'product-designer',
    en: 'Product Designer',
    zh: '产品设计师',
    aliases: ['ux designer', 'ui designer', 'ui/ux designer', '交互设计师', 'ui设计师'],
  },
  { key: 'operations', en: 'Operations Specialist', zh: '运营', aliases: ['运营专员', 'operations'] },
  { key: 'marketing', en: 'Marketing Manager', zh: '市场经理', aliases: ['marketing', '市场专员'] },
  { key: 'sales', en: 'Sales Representative', zh: '销售', aliases: ['sales', 'account executive', '销售代表'] },
  { key: 'recruiter', en: 'Recruiter', zh: '招聘专员', aliases: ['hr', 'talent acquisition', 'hrbp'] },
  { key: 'intern', en: 'Intern', zh: '实习生', aliases: ['internship', '实习'] },
];

/** Case, width and spacing folded, for matching and grouping. */
export function foldTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const BY_NAME = new Map<string, JobTitle>();
for (const t of JOB_TITLES) for (const name of [t.en, t.zh, ...(t.aliases ?? [])]) BY_NAME.set(foldTitle(name), t);

/** The stored title and its group key: a known title's English name and key, else the text and "custom:<folded>". */
export function normaliseJobTitle(title: string): { jobTitle: string; titleKey: string } {
  const known = BY_NAME.get(foldTitle(title));
  return known
    ? { jobTitle: known.en, titleKey: known.key }
    : { jobTitle: title, titleKey: `custom:${[...foldTitle(title)].slice(0, 100).join('')}` };
}

/** The group key a reader's title filter means (the same folding as on write). */
export function titleKeyOf(title: string): string {
  return normaliseJobTitle(title).titleKey;
}
