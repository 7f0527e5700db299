import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const SRC = resolve(import.meta.dirname, '../../apps/web/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
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

  it('passes every interpolation variable a translation uses (no raw {{placeholder}} on screen)', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      // Calls with a literal key: t('a.b') or t('a.b', { x, y: 1 }).
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'\s*(?:,\s*\{([^}]*)\})?/g)) {
        const [, key, options = ''] = m;
        const texts = [key, `${key}_one`, `${key}_other`].map((k) => enLeaves.get(k)).filter((v) => v !== undefined);
        const given = new Set([...options.matchAll(/(\w+)\s*(?=[:,]|$)/g)].map((g) => g[1]));
        for (const v of new Set(texts.flatMap(vars))) {
          if (!given.has(v)) missing.push(`${file.slice(SRC.length + 1)}: t('${key}') lacks {{${v}}}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
