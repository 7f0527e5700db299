import type { ScreeningAction, ScreeningRule, ScreeningRulesConfig } from '@unlinked/config';
import { findLinks, isAllowedDomain } from './link.detector.js';
import { findAddresses, findChineseIds, findEmails, findPhones, findSsns } from './pii.detectors.js';
import { ProfanityDetector } from './profanity.detector.js';

export type ScreeningOutcome = 'publish' | 'hold' | 'reject';

/** One rule that fired: which, what it does, how often. Never the matched text. */
export interface ScreeningHit {
  readonly rule: ScreeningRule;
  readonly action: ScreeningAction;
  readonly count: number;
}

/** Why content was rejected, in words the author's client can show. */
export enum ScreeningRejectReason {
  PERSONAL_INFORMATION = 'PERSONAL_INFORMATION',
  LINK_SPAM = 'LINK_SPAM',
  HATE_SPEECH = 'HATE_SPEECH',
  PROFANITY = 'PROFANITY',
  DUPLICATE_CONTENT = 'DUPLICATE_CONTENT',
}

export function rejectReasonOf(rule: ScreeningRule): ScreeningRejectReason {
  switch (rule) {
    case 'pii.email':
    case 'pii.phone':
    case 'pii.national_id':
    case 'pii.ssn':
    case 'pii.address':
      return ScreeningRejectReason.PERSONAL_INFORMATION;
    case 'link.external':
    case 'link.shortener':
    case 'link.spam':
      return ScreeningRejectReason.LINK_SPAM;
    case 'slur':
      return ScreeningRejectReason.HATE_SPEECH;
    case 'profanity':
      return ScreeningRejectReason.PROFANITY;
    case 'duplicate':
      return ScreeningRejectReason.DUPLICATE_CONTENT;
  }
}

export function rejectMessage(reason: ScreeningRejectReason): string {
  switch (reason) {
    case ScreeningRejectReason.PERSONAL_INFORMATION:
      return 'This post seems to contain personal information about someone (such as an ID number, phone number, email or home address). Remove it and post again.';
    case ScreeningRejectReason.LINK_SPAM:
      return 'This post contains too many links, or links that hide where they go.';
    case ScreeningRejectReason.HATE_SPEECH:
      return 'This post contains a slur. Posts that attack people for who they are are not allowed.';
    case ScreeningRejectReason.PROFANITY:
      return 'This post contains language that is not allowed here.';
    case ScreeningRejectReason.DUPLICATE_CONTENT:
      return 'The same text was posted recently. Repeated posts are not allowed.';
  }
}

export interface ScreeningInput {
  readonly text: string;
  /** Extra domains allowed for this content (e.g. its company's own), on top of the configured ones. */
  readonly allowedDomains?: readonly string[];
  /** How many distinct items with this normalised text were seen in the window in this content's scope (its thread, board or company), this one included. */
  readonly duplicateCount?: number;
  /** The same, counted anywhere (across threads, boards and companies). */
  readonly duplicateCountAnywhere?: number;
}

export interface ScreeningResult {
  readonly outcome: ScreeningOutcome;
  /** Every rule that fired, including those whose action is `allow`. */
  readonly hits: readonly ScreeningHit[];
  /** Set when outcome is `reject`: the most serious rejecting rule (RULE_ORDER). */
  readonly rejectReason?: ScreeningRejectReason;
}

/**
 * The screening rules, pure: text in, outcome and hits out. Which action a
 * rule takes and every threshold come from configuration. The duplicate
 * count is measured by the caller (it needs a store) and passed in.
 */
export class ScreeningEngine {
  private readonly profanity: ProfanityDetector;

  constructor(private readonly rules: ScreeningRulesConfig) {
    this.profanity = new ProfanityDetector(rules.profanityAllow);
  }

  screen(input: ScreeningInput): ScreeningResult {
    const counts = new Map<ScreeningRule, number>();
    const add = (rule: ScreeningRule, n: number) => {
      if (n > 0) counts.set(rule, (counts.get(rule) ?? 0) + n);
    };
    const text = input.text.normalize('NFKC');

    const ids = findChineseIds(text);
    add('pii.national_id', ids.length);
    const ssns = findSsns(text);
    add('pii.ssn', ssns.length);
    add('pii.email', findEmails(text).length);
    // An ID number or SSN is digits too; do not count it again as a phone number.
    const taken = [...ids, ...ssns];
    add(
      'pii.phone',
      findPhones(text, this.rules.phoneRegions).filter((p) => !taken.some((t) => p.start < t.end && t.start < p.end))
        .length,
    );
    add('pii.address', findAddresses(text).length);

    const allowed = [...this.rules.allowedLinkDomains, ...(input.allowedDomains ?? []).map((d) => d.toLowerCase())];
    const links = findLinks(text).filter((l) => !isAllowedDomain(l.domain, allowed));
    add('link.external', links.length);
    add('link.shortener', links.filter((l) => l.shortener).length);
    if (links.length > this.rules.maxLinks) add('link.spam', 1);

    const words = this.profanity.count(input.text);
    add('profanity', words.profanity);
    add('slur', words.slur);

    if (
      (input.duplicateCount ?? 0) >= this.rules.duplicateThreshold ||
      (input.duplicateCountAnywhere ?? 0) >= this.rules.duplicateGlobalThreshold
    ) {
      add('duplicate', 1);
    }

    const hits: ScreeningHit[] = [...counts].map(([rule, count]) => ({
      rule,
      count,
      action: this.rules.actions[rule],
    }));
    return decide(hits);
  }
}

const RULE_ORDER: readonly ScreeningRule[] = [
  'pii.national_id',
  'pii.ssn',
  'pii.phone',
  'pii.email',
  'pii.address',
  'slur',
  'link.spam',
  'link.shortener',
  'link.external',
  'duplicate',
  'profanity',
];

/** Reject beats hold beats publish; hits are listed in a fixed order. */
export function decide(unordered: readonly ScreeningHit[]): ScreeningResult {
  const hits = [...unordered].sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule));
  const rejecting = hits.find((h) => h.action === 'reject');
  if (rejecting)
    return {
      outcome: 'reject',
      hits,
      rejectReason: rejectReasonOf(rejecting.rule),
    };
  return {
    outcome: hits.some((h) => h.action === 'hold') ? 'hold' : 'publish',
    hits,
  };
}
