import { ConfigError } from './config.errors.js';
import { int, optional, pairs, str, type Env } from './env-parsers.js';
import { parseQueueConcurrency } from './operations-config.js';

/** Every screening rule; a hit names the rule that fired, never the text it matched. */
export const SCREENING_RULES = [
  'pii.email',
  'pii.phone',
  'pii.national_id',
  'pii.ssn',
  'pii.address',
  'link.external',
  'link.shortener',
  'link.spam',
  'profanity',
  'slur',
  'duplicate',
] as const;
export type ScreeningRule = (typeof SCREENING_RULES)[number];

/** What a rule does when it fires: note it and publish, hold for a moderator, or reject. */
export const SCREENING_ACTIONS = ['allow', 'hold', 'reject'] as const;
export type ScreeningAction = (typeof SCREENING_ACTIONS)[number];

export const DEFAULT_RULE_ACTIONS: {
  readonly [R in ScreeningRule]: ScreeningAction;
} = {
  'pii.email': 'hold',
  'pii.phone': 'hold',
  'pii.national_id': 'reject',
  'pii.ssn': 'reject',
  'pii.address': 'hold',
  'link.external': 'allow',
  'link.shortener': 'hold',
  'link.spam': 'reject',
  profanity: 'hold',
  slur: 'reject',
  duplicate: 'reject',
};

/** Reasons a reader may flag content for (GraphQL enum FlagReason mirrors these). */
export const FLAG_REASONS = [
  'spam',
  'harassment',
  'personal_information',
  'hate',
  'confidential',
  'off_topic',
  'other',
] as const;
export type FlagReasonCode = (typeof FLAG_REASONS)[number];

const DEFAULT_FLAG_WEIGHTS: { readonly [R in FlagReasonCode]: number } = {
  spam: 1,
  harassment: 2,
  personal_information: 3,
  hate: 3,
  confidential: 2,
  off_topic: 0.5,
  other: 1,
};

export interface ScreeningRulesConfig {
  readonly actions: { readonly [R in ScreeningRule]: ScreeningAction };
  /** Registrable domains whose links never count (a company's public website, for instance). */
  readonly allowedLinkDomains: readonly string[];
  /** More links to other domains than this in one text is link spam. */
  readonly maxLinks: number;
  /** Regions whose national phone formats are recognised without a +country prefix. */
  readonly phoneRegions: readonly string[];
  /** Words exempt from the profanity lists (e.g. a company name that contains a listed word). */
  readonly profanityAllow: readonly string[];
  /** The same normalised text this many times within the window, in one scope (thread, board, company), fires `duplicate`. */
  readonly duplicateThreshold: number;
  /** ... or this many times anywhere (across threads, boards and companies). */
  readonly duplicateGlobalThreshold: number;
  /** Texts shorter than this (letters and digits, after normalising) never count as duplicates. */
  readonly duplicateMinLength: number;
  readonly duplicateWindowSeconds: number;
}

export interface ModerationConfig {
  readonly screening: ScreeningRulesConfig;
  /** Weighted flag total at which content is hidden pending review. */
  readonly flagHideThreshold: number;
  readonly flagWeights: { readonly [R in FlagReasonCode]: number };
  /**
   * Factor on a flag's reason weight by who flagged: a member of the content's own company (their ARC credential is
   * of that company) or of another company. One person flags an item once, and the heaviest single flag (largest
   * reason weight × largest factor) stays below the hide threshold, so no one alone hides content.
   */
  readonly flagCompanyWeights: { readonly sameCompany: number; readonly otherCompany: number };
  /**
   * Interim staff credentials until identity sessions are wired (development
   * and tests only; refused in production): bearer token → role and account.
   */
  readonly staffTokens: ReadonlyMap<string, { readonly role: StaffRole; readonly accountId: string }>;
}

export type StaffRole = 'member' | 'moderator' | 'admin';

function list(env: Env, name: string, fallback: readonly string[]): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [...fallback];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function factor(env: Env, name: string, fallback: number): number {
  const value = Number(str(env, name, String(fallback)));
  if (!Number.isFinite(value) || value < 0 || value > 100)
    throw new ConfigError(name, 'must be a number from 0 to 100');
  return value;
}

export function loadModerationConfig(env: Env, production = false): ModerationConfig {
  const actions: Record<string, ScreeningAction> = { ...DEFAULT_RULE_ACTIONS };
  for (const [rule, action] of pairs(env, 'MODERATION_RULE_ACTIONS')) {
    if (!(SCREENING_RULES as readonly string[]).includes(rule)) {
      throw new ConfigError('MODERATION_RULE_ACTIONS', `unknown rule "${rule}" (one of ${SCREENING_RULES.join(', ')})`);
    }
    if (!(SCREENING_ACTIONS as readonly string[]).includes(action)) {
      throw new ConfigError('MODERATION_RULE_ACTIONS', `action for "${rule}" must be allow, hold or reject`);
    }
    actions[rule] = action as ScreeningAction;
  }
  const weights: Record<string, number> = { ...DEFAULT_FLAG_WEIGHTS };
  for (const [reason, value] of pairs(env, 'MODERATION_FLAG_WEIGHTS')) {
    if (!(FLAG_REASONS as readonly string[]).includes(reason)) {
      throw new ConfigError(
        'MODERATION_FLAG_WEIGHTS',
        `unknown reason "${reason}" (one of ${FLAG_REASONS.join(', ')})`,
      );
    }
    const weight = Number(value);
    if (!Number.isFinite(weight) || weight < 0 || weight > 1000) {
      throw new ConfigError('MODERATION_FLAG_WEIGHTS', `weight for "${reason}" must be a number from 0 to 1000`);
    }
    weights[reason] = weight;
  }
  const phoneRegions = list(env, 'MODERATION_PHONE_REGIONS', ['CN', 'US']).map((r) => r.toUpperCase());
  for (const region of phoneRegions) {
    if (!/^[A-Z]{2}$/.test(region))
      throw new ConfigError('MODERATION_PHONE_REGIONS', `"${region}" is not a region code`);
  }
  // QUEUE_CONCURRENCY is an operations setting (config.operations). It is still checked here, in the order it
  // always was, because libs/moderation's screening spec pins that loadModerationConfig refuses a malformed one;
  // drop this line once that case moves to libs/config/src/config.spec.ts.
  parseQueueConcurrency(env);
  const threshold = Number(str(env, 'MODERATION_FLAG_HIDE_THRESHOLD', '10'));
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new ConfigError('MODERATION_FLAG_HIDE_THRESHOLD', 'must be a positive number');
  }
  const flagCompanyWeights = {
    sameCompany: factor(env, 'FLAG_WEIGHT_SAME_COMPANY', 2),
    otherCompany: factor(env, 'FLAG_WEIGHT_OTHER_COMPANY', 1),
  };
  const heaviest =
    Math.max(...Object.values(weights)) * Math.max(flagCompanyWeights.sameCompany, flagCompanyWeights.otherCompany);
  if (heaviest >= threshold) {
    throw new ConfigError(
      'MODERATION_FLAG_HIDE_THRESHOLD',
      `must be above the heaviest single flag (${heaviest}: largest MODERATION_FLAG_WEIGHTS × largest FLAG_WEIGHT_*_COMPANY), so that no one person alone hides content`,
    );
  }
  const staffTokens = new Map<string, { role: StaffRole; accountId: string }>();
  for (const [token, value] of pairs(env, 'STAFF_TOKENS')) {
    if (production) throw new ConfigError('STAFF_TOKENS', 'is for development and tests only; use staff sessions');
    const m = /^(member|moderator|admin):([0-9a-f-]{36})$/i.exec(value);
    if (!m || token.length < 16) {
      throw new ConfigError('STAFF_TOKENS', 'must be token=role:account-uuid pairs with tokens of 16+ characters');
    }
    staffTokens.set(token, { role: m[1].toLowerCase() as StaffRole, accountId: m[2].toLowerCase() });
  }
  return {
    screening: {
      actions: actions as ScreeningRulesConfig['actions'],
      allowedLinkDomains: list(env, 'MODERATION_ALLOWED_LINK_DOMAINS', []).map((d) => d.toLowerCase()),
      maxLinks: int(env, 'MODERATION_MAX_LINKS', 3, 0, 1000),
      phoneRegions,
      profanityAllow: list(env, 'MODERATION_PROFANITY_ALLOW', []),
      duplicateThreshold: int(env, 'MODERATION_DUPLICATE_THRESHOLD', 2, 2, 1000),
      duplicateGlobalThreshold: int(env, 'MODERATION_DUPLICATE_GLOBAL_THRESHOLD', 4, 2, 1000),
      duplicateMinLength: int(env, 'MODERATION_DUPLICATE_MIN_LENGTH', 40, 1, 10_000),
      duplicateWindowSeconds: int(env, 'MODERATION_DUPLICATE_WINDOW_SECONDS', 86400, 60, 30 * 86400),
    },
    flagHideThreshold: threshold,
    flagWeights: weights as ModerationConfig['flagWeights'],
    flagCompanyWeights,
    staffTokens,
  };
}
