import { cleanText } from '../text/clean-text.js';

/** A title of the normalised list: its key, English and Chinese names, and other spellings that mean it. */
export interface JobTitleEntry {
  readonly key: string;
  readonly name: string;
  readonly nameZh: string;
  readonly aliases: readonly string[];
}

/**
 * The normalised job titles. A report's title that matches a key, a name or an
 * alias (case-insensitive, spaces folded) is stored under the key, so "SWE",
 * "软件工程师" and "Software Engineer" land in one group; anything else is kept
 * as free text, grouped by its lower-case form.
 */
export const JOB_TITLES: readonly JobTitleEntry[] = [
  {
    key: 'software-engineer',
    name: 'Software Engineer',
    nameZh: '软件工程师',
    aliases: ['swe', 'sde', 'software developer', 'developer', '开发工程师', '研发工程师', '程序员'],
  },
  {
    key: 'frontend-engineer',
    name: 'Frontend Engineer',
    nameZh: '前端工程师',
    aliases: ['front-end engineer', 'web developer', '前端开发'],
  },
  {
    key: 'backend-engineer',
    name: 'Backend Engineer',
    nameZh: '后端工程师',
    aliases: ['back-end engineer', '后端开发', '服务端工程师'],
  },
  {
    key: 'mobile-engineer',
    name: 'Mobile Engineer',
    nameZh: '移动端工程师',
    aliases: ['ios engineer', 'android engineer', '客户端工程师'],
  },
  {
    key: 'machine-learning-engineer',
    name: 'Machine Learning Engineer',
    nameZh: '算法工程师',
    aliases: ['ml engineer', 'ai engineer', 'algorithm engineer', '机器学习工程师'],
  },
  { key: 'data-scientist', name: 'Data Scientist', nameZh: '数据科学家', aliases: [] },
  { key: 'data-engineer', name: 'Data Engineer', nameZh: '数据工程师', aliases: ['大数据开发工程师'] },
  { key: 'data-analyst', name: 'Data Analyst', nameZh: '数据分析师', aliases: ['business analyst', '商业分析师'] },
  {
    key: 'devops-engineer',
    name: 'DevOps / SRE',
    nameZh: '运维工程师',
    aliases: ['sre', 'site reliability engineer', 'devops engineer'],
  },
  { key: 'security-engineer', name: 'Security Engineer', nameZh: '安全工程师', aliases: [] },
  {
    key: 'qa-engineer',
    name: 'QA / Test Engineer',
    nameZh: '测试工程师',
    aliases: ['qa', 'qa engineer', 'test engineer', 'sdet'],
  },
  { key: 'hardware-engineer', name: 'Hardware Engineer', nameZh: '硬件工程师', aliases: [] },
  { key: 'engineering-manager', name: 'Engineering Manager', nameZh: '研发经理', aliases: ['em', '技术经理'] },
  { key: 'product-manager', name: 'Product Manager', nameZh: '产品经理', aliases: ['pm'] },
  {
    key: 'product-designer',
    name: 'Product Designer',
    nameZh: '设计师',
    aliases: ['ux designer', 'ui designer', '交互设计师', 'ui设计师'],
  },
  { key: 'operations', name: 'Operations', nameZh: '运营', aliases: ['运营专员', 'operations specialist'] },
  { key: 'sales', name: 'Sales', nameZh: '销售', aliases: ['account executive', 'account manager', '客户经理'] },
  { key: 'marketing', name: 'Marketing', nameZh: '市场营销', aliases: ['marketing manager', '市场专员'] },
  { key: 'recruiter', name: 'Recruiter / HR', nameZh: '人力资源', aliases: ['hr', 'recruiter', 'hrbp', '招聘'] },
  { key: 'finance', name: 'Finance', nameZh: '财务', aliases: ['accountant', '会计'] },
  { key: 'customer-support', name: 'Customer Support', nameZh: '客服', aliases: ['customer service'] },
];

/** Spaces folded, lower case: the form names are compared and grouped in. */
export function foldKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const INDEX = new Map<string, JobTitleEntry>();
for (const t of JOB_TITLES) {
  for (const spelling of [t.key, t.name, t.nameZh, ...t.aliases]) INDEX.set(foldKey(spelling), t);
}

/** A cleaned title (length already checked): the list's key and English name, or the free text and its folded key. */
export function normaliseTitle(title: string): { jobTitle: string; titleKey: string } {
  const text = cleanText(title).replace(/\s+/g, ' ');
  const entry = INDEX.get(foldKey(text));
  return entry ? { jobTitle: entry.name, titleKey: entry.key } : { jobTitle: text, titleKey: foldKey(text) };
}

/** Levels group without spaces or case ("L 5" = "l5"); cities by their folded form. */
export function levelKey(level: string): string {
  return foldKey(level).replace(/ /g, '');
}
