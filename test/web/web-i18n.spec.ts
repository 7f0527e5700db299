import { describe, expect, it } from '@jest/globals';
import { en } from '../../apps/web/src/i18n/en.js';
import { zh } from '../../apps/web/src/i18n/zh.js';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}

describe('web app translations', () => {
  const enLeaves = leaves(en);
  const zhLeaves = leaves(zh);

  it('has the same keys in English and Simplified Chinese', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('translates every string (no empty or copied English text, except names)', () => {
    const same = [...enLeaves].filter(([k, v]) => zhLeaves.get(k) === v && k !== 'app.name').map(([k]) => k);
    expect(same).toEqual([]);
    expect([...zhLeaves.values()].filter((v) => v.trim() === '')).toEqual([]);
  });

  it('keeps the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...enLeaves].filter(
      ([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(zhLeaves.get(k) ?? '')),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
