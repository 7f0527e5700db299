import { createRequire } from 'node:module';
import AhoCorasick from 'modern-ahocorasick';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

/**
 * Profanity and slurs, English and Chinese.
 *
 * English: `obscenity` (maintained, typed; its matcher undoes leetspeak,
 * confusable letters and repeated characters, and its dataset whitelists
 * innocent words such as "Scunthorpe" and "assessment").
 *
 * Chinese: the zh list of LDNOOBW's "List of Dirty, Naughty, Obscene and
 * Otherwise Bad Words" (`naughty-words`, CC-BY-4.0), matched with
 * `modern-ahocorasick` over text with spacing and punctuation removed (so
 * "傻 * 逼" still matches). Single-character entries (乳, 性, 奶, 逼...) are
 * dropped: they occur in everyday words (乳业, 性能, 牛奶, 逼近) and would
 * hold most posts.
 *
 * Slurs (rule `slur`) are a short list: obscenity's terms that target a
 * group of people, plus a few Chinese ethnic and disability slurs that the
 * LDNOOBW list lacks.
 */
const require = createRequire(import.meta.url);
const ZH_LIST: string[] = require('naughty-words/zh.json');

const EN_SLURS = new Set([
  'abo',
  'abeed',
  'africoon',
  'arabush',
  'boonga',
  'chingchong',
  'chink',
  'dyke',
  'fag',
  'kike',
  'nigger',
  'retard',
  'spastic',
  'tranny',
]);
const ZH_SLURS = ['支那', '黑鬼', '尼哥', '小日本', '日本鬼子', '死基佬', '娘炮', '弱智', '脑残'];

/** Benign words that contain a listed one ("你妈妈" is "your mother"). */
const ZH_BUILTIN_ALLOW = ['你妈妈', '他妈妈', '她妈妈', '你娘家'];

const enMatcher = new RegExpMatcher({
  ...englishDataset.build(),
  ...englishRecommendedTransformers,
});

type ZhKind = 'profanity' | 'slur';
const zhMatcher = new AhoCorasick<ZhKind>([
  ...ZH_LIST.filter((w) => [...w].length >= 2 && /\p{Script=Han}/u.test(w))
    .filter((w) => !ZH_SLURS.includes(w))
    .map((w) => ({ pattern: w, data: 'profanity' as const })),
  ...ZH_SLURS.map((w) => ({ pattern: w, data: 'slur' as const })),
]);

/** NFKC (full-width → ASCII), lower case, and no spacing, punctuation or symbols. */
export function compactText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

export interface ProfanityCounts {
  profanity: number;
  slur: number;
}

export class ProfanityDetector {
  private readonly enAllow: string[];
  private readonly zhAllow: string[];

  constructor(allow: readonly string[]) {
    this.enAllow = allow.map((w) => w.normalize('NFKC').toLowerCase()).filter(Boolean);
    this.zhAllow = [...ZH_BUILTIN_ALLOW, ...allow].map(compactText).filter(Boolean);
  }

  count(text: string): ProfanityCounts {
    const counts: ProfanityCounts = { profanity: 0, slur: 0 };
    const lower = text.normalize('NFKC').toLowerCase();
    const enAllowed = this.allowedRanges(lower, this.enAllow);
    for (const m of enMatcher.getAllMatches(text, true)) {
      if (this.inside(m.startIndex, m.endIndex + 1, enAllowed)) continue;
      const word = englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
      counts[EN_SLURS.has(word) ? 'slur' : 'profanity']++;
    }
    const compact = compactText(text);
    const zhAllowed = this.allowedRanges(compact, this.zhAllow);
    for (const m of zhMatcher.search(compact, {
      strategy: 'leftmost-longest',
    })) {
      if (this.inside(m.start, m.end, zhAllowed)) continue;
      counts[m.data ?? 'profanity']++;
    }
    return counts;
  }

  private allowedRanges(text: string, words: readonly string[]): [number, number][] {
    const ranges: [number, number][] = [];
    for (const word of words) {
      for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) ranges.push([i, i + word.length]);
    }
    return ranges;
  }

  private inside(start: number, end: number, ranges: [number, number][]): boolean {
    return ranges.some(([s, e]) => start >= s && end <= e);
  }
}
