import { describe, expect, it } from '@jest/globals';
import { loadModerationConfig, type ScreeningRule } from '@unlinked/config';
import { isValidChineseId } from './pii.detectors.js';
import { ScreeningEngine, ScreeningRejectReason, type ScreeningOutcome } from './screening.engine.js';

const rules = loadModerationConfig({
  MODERATION_ALLOWED_LINK_DOMAINS: 'acme.com',
}).screening;
const engine = new ScreeningEngine(rules);

interface Case {
  name: string;
  text: string;
  outcome: ScreeningOutcome;
  /** Exactly the rules expected to fire. */
  fired: ScreeningRule[];
  reason?: ScreeningRejectReason;
  duplicateCount?: number;
  allowedDomains?: string[];
}

const CASES: Case[] = [
  // Clean text, English and Chinese
  {
    name: 'plain English review',
    text: 'Great team, slow promotions, decent pay.',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'plain Chinese review',
    text: '团队氛围不错，晋升慢，薪资一般。',
    outcome: 'publish',
    fired: [],
  },
  // Personal information
  {
    name: 'email address',
    text: 'Ask my manager at john.doe@example.org',
    outcome: 'hold',
    fired: ['pii.email'],
  },
  {
    name: 'Chinese text with an email',
    text: '有问题联系zhangsan@163.com谢谢',
    outcome: 'hold',
    fired: ['pii.email'],
  },
  {
    name: 'international phone',
    text: 'Call him on +1 (415) 555-2671 tonight',
    outcome: 'hold',
    fired: ['pii.phone'],
  },
  {
    name: 'Chinese mobile, plain',
    text: '他的手机是13812345678，随便打',
    outcome: 'hold',
    fired: ['pii.phone'],
  },
  {
    name: 'Chinese mobile, dashed',
    text: '电话 138-1234-5678',
    outcome: 'hold',
    fired: ['pii.phone'],
  },
  {
    name: 'Chinese mobile, +86',
    text: 'HR: +86 139 1234 5678',
    outcome: 'hold',
    fired: ['pii.phone'],
  },
  {
    name: 'Chinese resident ID with valid checksum',
    text: '经理身份证号11010519491231002X大家看看',
    outcome: 'reject',
    fired: ['pii.national_id'],
    reason: ScreeningRejectReason.PERSONAL_INFORMATION,
  },
  {
    name: 'US SSN',
    text: 'His SSN is 078-05-1120, lol',
    outcome: 'reject',
    fired: ['pii.ssn'],
    reason: ScreeningRejectReason.PERSONAL_INFORMATION,
  },
  {
    name: 'US street address',
    text: 'The CEO lives at 1234 Elm Street in Palo Alto',
    outcome: 'hold',
    fired: ['pii.address'],
  },
  {
    name: 'Chinese street address',
    text: '他家住在朝阳区建国路88号3栋502室',
    outcome: 'hold',
    fired: ['pii.address'],
  },
  // False-positive guards for personal information
  {
    name: 'a price is not a phone number ($)',
    text: 'The offer was $13,812,345 total',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'a price is not a phone number (元)',
    text: '去年营收13800000000元，涨了不少',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'a salary is not a phone number',
    text: '月薪 ¥13500，年终奖三个月',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'a date and time is not a phone number',
    text: 'Layoffs announced 2024-01-15 12:30',
    outcome: 'publish',
    fired: [],
  },
  {
    name: '18 digits with a wrong checksum are not an ID',
    text: '订单号110105194912310021',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'an SSN-shaped part number with area 000',
    text: 'part 000-12-3456 is broken',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'years on the road are not an address',
    text: 'I spent 3 years on the road for sales',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'a version number is not an email',
    text: 'we shipped v1.2@3.4 internally',
    outcome: 'publish',
    fired: [],
  },
  // Links
  {
    name: 'one external link is noted but published',
    text: 'See https://news.example.org/layoffs',
    outcome: 'publish',
    fired: ['link.external'],
  },
  {
    name: "the company's own website is allowed",
    text: 'Benefits are listed on https://careers.acme.com/benefits',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'a per-item allowed domain',
    text: '详情见globex.cn官网',
    outcome: 'publish',
    fired: [],
    allowedDomains: ['globex.cn'],
  },
  {
    name: 'a fuzzy link inside Chinese text',
    text: '详情见globex.cn官网',
    outcome: 'publish',
    fired: ['link.external'],
  },
  {
    name: 'a shortener is held',
    text: 'click bit.ly/3xYz for the memo',
    outcome: 'hold',
    fired: ['link.external', 'link.shortener'],
  },
  {
    name: 'link spam is rejected',
    text: 'cheap http://a.xyz http://b.xyz http://c.top http://d.vip',
    outcome: 'reject',
    fired: ['link.spam', 'link.external'],
    reason: ScreeningRejectReason.LINK_SPAM,
  },
  {
    name: 'file names are not links',
    text: 'The build uses node.js and config.yaml',
    outcome: 'publish',
    fired: [],
  },
  // Profanity and slurs
  {
    name: 'English profanity is held',
    text: 'This reorg is total shit',
    outcome: 'hold',
    fired: ['profanity'],
  },
  {
    name: 'leetspeak profanity is held',
    text: 'what the fvck is this',
    outcome: 'hold',
    fired: ['profanity'],
  },
  {
    name: 'Chinese profanity is held',
    text: '这个领导真是傻逼',
    outcome: 'hold',
    fired: ['profanity'],
  },
  {
    name: 'spaced-out Chinese profanity is held',
    text: '这个领导真是傻 * 逼',
    outcome: 'hold',
    fired: ['profanity'],
  },
  {
    name: 'an English slur is rejected',
    text: 'what a retard',
    outcome: 'reject',
    fired: ['slur'],
    reason: ScreeningRejectReason.HATE_SPEECH,
  },
  {
    name: 'a Chinese slur is rejected',
    text: '新来的支那人',
    outcome: 'reject',
    fired: ['slur'],
    reason: ScreeningRejectReason.HATE_SPEECH,
  },
  {
    name: 'Scunthorpe is fine',
    text: 'Our Scunthorpe office had an assessment',
    outcome: 'publish',
    fired: [],
  },
  {
    name: 'everyday Chinese words with listed characters',
    text: '性能很好，乳业部门，逼近deadline，牛奶免费',
    outcome: 'publish',
    fired: [],
  },
  {
    name: '"your mother" is not an insult',
    text: '你妈妈身体好吗',
    outcome: 'publish',
    fired: [],
  },
  // Duplicates
  {
    name: 'first copy is fine',
    text: 'Join my channel',
    outcome: 'publish',
    fired: [],
    duplicateCount: 1,
  },
  {
    name: 'second copy within the window is rejected',
    text: 'Join my channel',
    outcome: 'reject',
    fired: ['duplicate'],
    duplicateCount: 2,
    reason: ScreeningRejectReason.DUPLICATE_CONTENT,
  },
];

describe('ScreeningEngine', () => {
  it.each(CASES)('$name', ({ text, outcome, fired, reason, duplicateCount, allowedDomains }) => {
    const result = engine.screen({ text, duplicateCount, allowedDomains });
    expect(result.hits.map((h) => h.rule).sort()).toEqual([...fired].sort());
    expect(result.outcome).toBe(outcome);
    expect(result.rejectReason).toBe(reason);
  });

  it('records the rule, action and count of a hit, never the matched text', () => {
    const result = engine.screen({
      text: 'mail a@example.org or b@example.org',
    });
    expect(result.hits).toEqual([{ rule: 'pii.email', action: 'hold', count: 2 }]);
    expect(JSON.stringify(result)).not.toContain('example.org');
  });

  it('takes rule actions from configuration', () => {
    const strict = new ScreeningEngine(
      loadModerationConfig({
        MODERATION_RULE_ACTIONS: 'profanity=reject,pii.email=allow',
      }).screening,
    );
    expect(strict.screen({ text: 'total shit' })).toMatchObject({
      outcome: 'reject',
      rejectReason: ScreeningRejectReason.PROFANITY,
    });
    expect(strict.screen({ text: 'write to a@example.org' }).outcome).toBe('publish');
  });

  it('takes thresholds and allow lists from configuration', () => {
    const lenient = new ScreeningEngine(
      loadModerationConfig({
        MODERATION_MAX_LINKS: '10',
        MODERATION_PROFANITY_ALLOW: 'Dick Smith',
      }).screening,
    );
    expect(
      lenient.screen({
        text: 'http://a.xyz http://b.xyz http://c.top http://d.vip',
      }).outcome,
    ).toBe('publish');
    expect(lenient.screen({ text: 'I worked at Dick Smith for years' }).outcome).toBe('publish');
    expect(engine.screen({ text: 'I worked at Dick Smith for years' }).outcome).toBe('hold');
  });

  it('a rejecting rule beats a holding one and names the most serious reason', () => {
    const result = engine.screen({
      text: 'shit, his ID is 440308199003071235 and mail x@y.org',
    });
    expect(result.outcome).toBe('reject');
    expect(result.rejectReason).toBe(ScreeningRejectReason.PERSONAL_INFORMATION);
    expect(result.hits.map((h) => h.rule)).toEqual(['pii.national_id', 'pii.email', 'profanity']);
  });
});

describe('isValidChineseId', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['440308199003071235', true],
    ['440308199003071234', false], // checksum
    ['440308199002301230', false], // 30 February
    ['44030819900307123', false], // 17 digits
  ])('%s → %s', (id, valid) => expect(isValidChineseId(id)).toBe(valid));
});

describe('loadModerationConfig', () => {
  it.each([
    [{ MODERATION_RULE_ACTIONS: 'nope=hold' }, /unknown rule/],
    [{ MODERATION_RULE_ACTIONS: 'profanity=ban' }, /allow, hold or reject/],
    [{ MODERATION_FLAG_WEIGHTS: 'spam=-1' }, /number from 0/],
    [{ MODERATION_PHONE_REGIONS: 'China' }, /not a region code/],
    [{ QUEUE_CONCURRENCY: 'moderation=0' }, /1 to 256/],
    [{ MODERATION_FLAG_HIDE_THRESHOLD: '0' }, /positive/],
    [{ FLAG_WEIGHT_SAME_COMPANY: 'two' }, /FLAG_WEIGHT_SAME_COMPANY.*number from 0 to 100/],
    [{ FLAG_WEIGHT_OTHER_COMPANY: '-1' }, /FLAG_WEIGHT_OTHER_COMPANY.*number from 0 to 100/],
    // personal_information (3) × same company (2) = 6: one person alone would hide content.
    [{ MODERATION_FLAG_HIDE_THRESHOLD: '6' }, /heaviest single flag \(6/],
    [{ MODERATION_FLAG_HIDE_THRESHOLD: '8', FLAG_WEIGHT_OTHER_COMPANY: '3' }, /heaviest single flag \(9/],
  ])('rejects %p', (env, message) => expect(() => loadModerationConfig(env)).toThrow(message));

  it('defaults: company factors 2 and 1, and a hide threshold above the heaviest single flag', () => {
    const config = loadModerationConfig({});
    expect(config.flagCompanyWeights).toEqual({ sameCompany: 2, otherCompany: 1 });
    expect(config.flagHideThreshold).toBe(10);
    expect(loadModerationConfig({ MODERATION_FLAG_HIDE_THRESHOLD: '6.5' }).flagHideThreshold).toBe(6.5);
  });
});
