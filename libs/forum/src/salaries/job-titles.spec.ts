import { describe, expect, it } from '@jest/globals';
import { JOB_TITLES, levelKey, normaliseTitle } from './job-titles.js';

describe('job title normalisation', () => {
  it('groups every spelling of a listed title under its key, in English and Chinese', () => {
    for (const spelling of ['Software Engineer', 'software   engineer', 'SWE', 'sde', '软件工程师', '程序员']) {
      expect(normaliseTitle(spelling)).toEqual({ jobTitle: 'Software Engineer', titleKey: 'software-engineer' });
    }
    expect(normaliseTitle('产品经理').titleKey).toBe('product-manager');
  });

  it('keeps other titles as free text, grouped by their folded form', () => {
    expect(normaliseTitle('  Solutions\u200b  Architect ')).toEqual({
      jobTitle: 'Solutions Architect',
      titleKey: 'solutions architect',
    });
    expect(normaliseTitle('SOLUTIONS ARCHITECT').titleKey).toBe('solutions architect');
  });

  it('folds levels without case or spaces, and has no spelling claimed by two titles', () => {
    expect([levelKey('T 9'), levelKey('t9'), levelKey('Ｐ７')]).toEqual(['t9', 't9', 'p7']);
    const owners = new Map<string, Set<string>>();
    for (const t of JOB_TITLES) {
      for (const s of [t.key, t.name, t.nameZh, ...t.aliases]) {
        owners.set(s.toLowerCase(), (owners.get(s.toLowerCase()) ?? new Set()).add(t.key));
      }
    }
    expect([...owners].filter(([, keys]) => keys.size > 1)).toEqual([]);
  });
});
