import type { FlagReasonCode } from '@unlinked/config';
import type { AuditAction, ModerationState, QueueReason } from '@unlinked/db/moderation';
import { ModerationError, ModerationErrorCode } from './moderation.errors.js';

/**
 * The moderation state machine, pure (no I/O, no clock):
 *
 *   screening → published | held (queue: held) | rejected
 *   flags ≥ threshold: published → hidden (queue: flagged)
 *   approve: held | hidden | flagged published → published
 *   remove (reason required): published | held | hidden → removed
 *   appeal (author, once): removed → removed (queue: appealed)
 *   restore: removed → published; an appealed item is decided (restore or
 *            remove again) by a moderator other than the one who removed it
 *
 * `decide(item, event)` returns the item's next fields and the effects the
 * caller applies in the same transaction, or throws the ModerationError that
 * refuses the event. The service locks the item, gathers the facts an event
 * needs (flag weight, who removed the item), calls decide and applies the result.
 */

export type ModerationAction = 'approve' | 'remove' | 'restore';

/** What decide() looks at of an item. */
export interface ItemSnapshot {
  readonly state: ModerationState;
  readonly queueReason: QueueReason | null;
  readonly version: number;
  readonly appealed: boolean;
}

export type ModerationEvent =
  | {
      readonly type: 'moderate';
      readonly action: ModerationAction;
      readonly moderator: string;
      readonly reasonCode?: FlagReasonCode | null;
      /** When given, the decision applies only if the item still has this version. */
      readonly expectedVersion?: number | null;
      /** The moderator whose removal an appeal contests (null when unknown or not removed by a moderator). */
      readonly remover?: string | null;
    }
  | {
      readonly type: 'flags';
      /** Weighted total of the unreviewed flags. */
      readonly weight: number;
      /** Whether any unreviewed flag exists. */
      readonly flagged: boolean;
      readonly hideThreshold: number;
    }
  | { readonly type: 'appeal'; readonly statement: string };

/** Side effects, in the order the caller applies them. */
export type ModerationEffect =
  /** Make the content public (the forum's one publish path). */
  | 'publish'
  /** Take the content out of public view. */
  | 'unpublish'
  /** Mark the item's flags reviewed and reset its flag weight. */
  | 'reviewFlags';

/** The fields of the item that change. `queued: true` means "queued now" (the caller stamps the bucketed time). */
export interface ItemChange {
  state?: ModerationState;
  queueReason?: QueueReason | null;
  queued?: boolean;
  removalReason?: string | null;
  /** 'this': the audit row of this decision records the removal; null: forget the remover. */
  removedBy?: 'this' | null;
  flagWeight?: number;
  appealed?: boolean;
  appealStatement?: string;
  version?: number;
}

export interface Outcome {
  readonly change: ItemChange;
  readonly effects: readonly ModerationEffect[];
  /** The audit entry to append, if the event is a decision. */
  readonly audit: { actor: 'moderator' | 'flags' | 'author'; action: AuditAction } | null;
  /** Metrics label: who decided. */
  readonly source: 'moderator' | 'appeal' | 'flags' | 'author' | null;
}

/** Checks that need no item: a removal needs a reason. */
export function assertWellFormed(event: ModerationEvent): void {
  if (event.type === 'moderate' && event.action === 'remove' && !event.reasonCode) {
    throw new ModerationError(ModerationErrorCode.ReasonRequired);
  }
}

/** The state screening leaves new content in. */
export function screenedState(outcome: 'publish' | 'hold' | 'reject'): ModerationState {
  return outcome === 'publish' ? 'published' : outcome === 'hold' ? 'held' : 'rejected';
}

/** Weighted total of flag counts. */
/**
 * An item's flag weight: each flag weighs its reason's weight times the factor
 * of who flagged (a member of the content's company, or of another company).
 */
export function flagWeight(
  tallies: readonly { reason: FlagReasonCode; sameCompany: boolean; n: number }[],
  weights: Record<FlagReasonCode, number>,
  companyWeights: { sameCompany: number; otherCompany: number },
): number {
  return tallies.reduce(
    (sum, t) =>
      sum + t.n * weights[t.reason] * (t.sameCompany ? companyWeights.sameCompany : companyWeights.otherCompany),
    0,
  );
}

export function decide(item: ItemSnapshot, event: ModerationEvent): Outcome {
  switch (event.type) {
    case 'moderate':
      return moderate(item, event);
    case 'flags':
      return flags(item, event);
    case 'appeal':
      return appeal(item, event);
  }
}

function moderate(item: ItemSnapshot, event: Extract<ModerationEvent, { type: 'moderate' }>): Outcome {
  assertWellFormed(event);
  if (event.expectedVersion != null && event.expectedVersion !== item.version) {
    throw new ModerationError(ModerationErrorCode.VersionConflict);
  }
  // Without a version, a decision applies only to an item waiting in the queue (or never decided):
  // of two moderators acting on one item at once, the later one is told it was decided already.
  if (event.expectedVersion == null && item.queueReason === null && item.version > 0) {
    if (event.action !== 'restore' || item.state !== 'removed') throw stale(item);
  }
  const appealed = item.queueReason === 'appealed';
  if (appealed && event.remover && event.remover === event.moderator) {
    throw new ModerationError(ModerationErrorCode.SameModerator);
  }
  let change: ItemChange;
  let effects: ModerationEffect[];
  switch (event.action) {
    case 'approve':
      if (item.queueReason !== 'held' && item.queueReason !== 'flagged') throw stale(item);
      change = { state: 'published' };
      effects = ['publish', 'reviewFlags'];
      break;
    case 'remove':
      if (!(['published', 'held', 'hidden'] as ModerationState[]).includes(item.state) && !appealed) {
        throw stale(item);
      }
      // An upheld appeal keeps the original remover, so the appeal stays with someone else.
      change = { state: 'removed', removalReason: event.reasonCode!, ...(appealed ? {} : { removedBy: 'this' }) };
      effects = ['unpublish', 'reviewFlags'];
      break;
    case 'restore':
      if (item.state !== 'removed') throw stale(item);
      change = { state: 'published', removalReason: null, removedBy: null };
      effects = ['publish'];
      break;
  }
  return {
    change: { ...change, queueReason: null, queued: false, version: item.version + 1 },
    effects,
    audit: { actor: 'moderator', action: event.action },
    source: appealed ? 'appeal' : 'moderator',
  };
}

/**
 * A recount of unreviewed flags (a sum, so idempotent): any flag queues
 * published content for review; at the weighted threshold it is hidden.
 */
function flags(item: ItemSnapshot, event: Extract<ModerationEvent, { type: 'flags' }>): Outcome {
  const change: ItemChange = { flagWeight: event.weight };
  if (event.flagged && item.queueReason === null && item.state === 'published') {
    change.queueReason = 'flagged';
    change.queued = true;
  }
  if (event.weight >= event.hideThreshold && item.state === 'published') {
    return {
      change: { ...change, state: 'hidden', version: item.version + 1 },
      effects: ['unpublish'],
      audit: { actor: 'flags', action: 'hide' },
      source: 'flags',
    };
  }
  return { change, effects: [], audit: null, source: null };
}

/** The author's one appeal of a removal. */
function appeal(item: ItemSnapshot, event: Extract<ModerationEvent, { type: 'appeal' }>): Outcome {
  if (item.state !== 'removed') throw new ModerationError(ModerationErrorCode.NotRemoved);
  if (item.appealed) throw new ModerationError(ModerationErrorCode.AlreadyAppealed);
  return {
    change: {
      appealed: true,
      appealStatement: event.statement,
      queueReason: 'appealed',
      queued: true,
      version: item.version + 1,
    },
    effects: [],
    audit: { actor: 'author', action: 'appeal' },
    source: null,
  };
}

/** The item moved on under us (another moderator decided first) or never allowed this action. */
function stale(item: ItemSnapshot): ModerationError {
  return new ModerationError(
    item.queueReason === null && item.version > 0
      ? ModerationErrorCode.AlreadyDecided
      : ModerationErrorCode.InvalidAction,
  );
}
