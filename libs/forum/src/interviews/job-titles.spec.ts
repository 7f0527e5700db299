import { describe, expect, it } from '@jest/globals';
import { JOB_TITLES, normaliseJobTitle, titleKeyOf } from './job-titles.js';

describe('job titles', () => {
  it('maps English, Chinese and alias spellings of a listed title to its key and English name', () => {
    for (const written of ['Software Engineer', 'software   engineer', 'SWE', '软件工程师', '程序员', 'ＳＷＥ']) {
      expect(normaliseJobTitle(written)).toEqual({ jobTitle: 'Software Engineer', titleKey: 'software-engineer' });
    }
  });

  it('keeps any other title as written, grouped by its folded text', () => {
    expect(normaliseJobTitle('Data  Wrangler')).toEqual({
      jobTitle: 'Data  Wrangler',
      titleKey: 'custom:data wrangler',
    });
    expect(titleKeyOf('data wrangler')).toBe('custom:data wrangler');
    // The key stays within its column's bound whatever the text.
    expect(titleKeyOf('x'.repeat(100)).length).toBeLessThanOrEqual(120);
  });

  it('has unique keys and no name claimed by two titles', () => {
    expect(new Set(JOB_TITLES.map((t) => t.key)).size).toBe(JOB_TITLES.length);
    const names = JOB_TITLES.flatMap((t) => [t.en, t.zh, ...(t.aliases ?? [])].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });
});
