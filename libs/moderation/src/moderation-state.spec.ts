import { describe, expect, it } from '@jest/globals';
import {
  assertWellFormed,
  decide,
  flagWeight,
  screenedState,
  type ItemSnapshot,
  type ModerationEvent,
} from './moderation-state.js';
import { ModerationErrorCode } from './moderation.errors.js';

const item = (over: Partial<ItemSnapshot> = {}): ItemSnapshot => ({
  state: 'published',
  queueReason: null,
  version: 0,
  appealed: false,
  ...over,
});

const moderate = (
  action: 'approve' | 'remove' | 'restore',
  over: Partial<Extract<ModerationEvent, { type: 'moderate' }>> = {},
): ModerationEvent => ({
  type: 'moderate',
  action,
  moderator: 'mod-a',
  reasonCode: action === 'remove' ? 'spam' : null,
  ...over,
});

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('moderation state machine: decide()', () => {
  it('screening: publish → published, hold → held, reject → rejected', () => {
    expect(screenedState('publish')).toBe('published');
    expect(screenedState('hold')).toBe('held');
    expect(screenedState('reject')).toBe('rejected');
  });

  it('approve: a held item is published, flags reviewed, dequeued, version bumped', () => {
    const out = decide(item({ state: 'held', queueReason: 'held' }), moderate('approve'));
    expect(out.change).toEqual({ state: 'published', queueReason: null, queued: false, version: 1 });
    expect(out.effects).toEqual(['publish', 'reviewFlags']);
    expect(out.audit).toEqual({ actor: 'moderator', action: 'approve' });
    expect(out.source).toBe('moderator');
  });

  it('approve: a hidden (flagged) item is published again', () => {
    const out = decide(item({ state: 'hidden', queueReason: 'flagged', version: 1 }), moderate('approve'));
    expect(out.change.state).toBe('published');
    expect(out.change.version).toBe(2);
    expect(out.effects).toContain('publish');
  });

  it('approve is refused outside the held and flagged queues', () => {
    expect(
      refusal(() => decide(item({ state: 'removed', queueReason: 'appealed', version: 2 }), moderate('approve'))),
    ).toBe(ModerationErrorCode.InvalidAction);
    // A never-decided item that is not queued: nothing to approve.
    expect(refusal(() => decide(item(), moderate('approve')))).toBe(ModerationErrorCode.InvalidAction);
  });

  it('remove needs a reason, before anything about the item is known', () => {
    expect(refusal(() => assertWellFormed(moderate('remove', { reasonCode: null })))).toBe(
      ModerationErrorCode.ReasonRequired,
    );
    expect(
      refusal(() => decide(item({ state: 'held', queueReason: 'held' }), moderate('remove', { reasonCode: null }))),
    ).toBe(ModerationErrorCode.ReasonRequired);
  });

  it('remove: published, held or hidden → removed, content unpublished, the decision recorded as the remover', () => {
    for (const state of ['published', 'held', 'hidden'] as const) {
      const out = decide(item({ state, queueReason: state === 'held' ? 'held' : 'flagged' }), moderate('remove'));
      expect(out.change).toEqual({
        state: 'removed',
        removalReason: 'spam',
        removedBy: 'this',
        queueReason: null,
        queued: false,
        version: 1,
      });
      expect(out.effects).toEqual(['unpublish', 'reviewFlags']);
    }
  });

  it('remove is refused on rejected content', () => {
    expect(refusal(() => decide(item({ state: 'rejected' }), moderate('remove')))).toBe(
      ModerationErrorCode.InvalidAction,
    );
  });

  it('a decided item without a version is ALREADY_DECIDED (the later of two moderators)', () => {
    const decided = item({ state: 'published', queueReason: null, version: 1 });
    expect(refusal(() => decide(decided, moderate('approve')))).toBe(ModerationErrorCode.AlreadyDecided);
    expect(refusal(() => decide(decided, moderate('remove')))).toBe(ModerationErrorCode.AlreadyDecided);
  });

  it('with the version seen, a moderator may act on an item outside the queue; a stale version conflicts', () => {
    const decided = item({ state: 'published', queueReason: null, version: 3 });
    expect(decide(decided, moderate('remove', { expectedVersion: 3 })).change.state).toBe('removed');
    expect(refusal(() => decide(decided, moderate('remove', { expectedVersion: 2 })))).toBe(
      ModerationErrorCode.VersionConflict,
    );
  });

  it('restore: removed → published without a version, forgetting the remover', () => {
    const out = decide(item({ state: 'removed', version: 1 }), moderate('restore'));
    expect(out.change).toEqual({
      state: 'published',
      removalReason: null,
      removedBy: null,
      queueReason: null,
      queued: false,
      version: 2,
    });
    expect(out.effects).toEqual(['publish']);
    expect(refusal(() => decide(item({ state: 'held', queueReason: 'held' }), moderate('restore')))).toBe(
      ModerationErrorCode.InvalidAction,
    );
  });

  it('an appeal is decided by another moderator; upholding it keeps the original remover', () => {
    const appealed = item({ state: 'removed', queueReason: 'appealed', version: 2, appealed: true });
    expect(refusal(() => decide(appealed, moderate('restore', { remover: 'mod-a' })))).toBe(
      ModerationErrorCode.SameModerator,
    );
    const upheld = decide(appealed, moderate('remove', { moderator: 'mod-b', remover: 'mod-a' }));
    expect(upheld.change.state).toBe('removed');
    expect(upheld.change).not.toHaveProperty('removedBy');
    expect(upheld.source).toBe('appeal');
    const restored = decide(appealed, moderate('restore', { moderator: 'mod-b', remover: 'mod-a' }));
    expect(restored.change.state).toBe('published');
    expect(restored.source).toBe('appeal');
  });

  it('appeal: removed → queued as appealed, once', () => {
    const out = decide(item({ state: 'removed', version: 1 }), { type: 'appeal', statement: 'It was fair comment.' });
    expect(out.change).toEqual({
      appealed: true,
      appealStatement: 'It was fair comment.',
      queueReason: 'appealed',
      queued: true,
      version: 2,
    });
    expect(out.audit).toEqual({ actor: 'author', action: 'appeal' });
    expect(refusal(() => decide(item({ state: 'published' }), { type: 'appeal', statement: 'x' }))).toBe(
      ModerationErrorCode.NotRemoved,
    );
    expect(refusal(() => decide(item({ state: 'removed', appealed: true }), { type: 'appeal', statement: 'x' }))).toBe(
      ModerationErrorCode.AlreadyAppealed,
    );
  });

  it('flags: any flag queues published content; the weighted threshold hides it', () => {
    const queued = decide(item(), { type: 'flags', weight: 1, flagged: true, hideThreshold: 5 });
    expect(queued.change).toEqual({ flagWeight: 1, queueReason: 'flagged', queued: true });
    expect(queued.effects).toEqual([]);
    expect(queued.audit).toBeNull();

    const hidden = decide(item(), { type: 'flags', weight: 5, flagged: true, hideThreshold: 5 });
    expect(hidden.change).toEqual({ flagWeight: 5, queueReason: 'flagged', queued: true, state: 'hidden', version: 1 });
    expect(hidden.effects).toEqual(['unpublish']);
    expect(hidden.audit).toEqual({ actor: 'flags', action: 'hide' });
  });

  it('flags: content already queued or not published only gets its weight updated', () => {
    expect(
      decide(item({ state: 'held', queueReason: 'held' }), {
        type: 'flags',
        weight: 9,
        flagged: true,
        hideThreshold: 5,
      }).change,
    ).toEqual({ flagWeight: 9 });
    expect(
      decide(item({ queueReason: 'flagged' }), { type: 'flags', weight: 2, flagged: true, hideThreshold: 5 }).change,
    ).toEqual({ flagWeight: 2 });
    expect(decide(item(), { type: 'flags', weight: 0, flagged: false, hideThreshold: 5 }).change).toEqual({
      flagWeight: 0,
    });
  });

  it('flag weight is the sum of reason weight × company factor per flag', () => {
    const weights = {
      spam: 1,
      harassment: 2,
      personal_information: 3,
      hate: 3,
      confidential: 2,
      off_topic: 0.5,
      other: 1,
    };
    const company = { sameCompany: 2, otherCompany: 1 };
    const tallies = [
      { reason: 'spam' as const, sameCompany: false, n: 2 },
      { reason: 'off_topic' as const, sameCompany: false, n: 1 },
      { reason: 'hate' as const, sameCompany: false, n: 1 },
    ];
    expect(flagWeight(tallies, weights, company)).toBe(5.5);
    expect(flagWeight([...tallies, { reason: 'hate', sameCompany: true, n: 1 }], weights, company)).toBe(11.5);
    expect(flagWeight([], weights, company)).toBe(0);
  });

  it('is pure: the item passed in is not changed', () => {
    const before = item({ state: 'held', queueReason: 'held' });
    const copy = { ...before };
    decide(before, moderate('approve'));
    expect(before).toEqual(copy);
  });
});
