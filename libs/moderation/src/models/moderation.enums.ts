import { registerEnumType } from '@nestjs/graphql';
import { ScreeningRejectReason } from '../screening/screening.engine.js';

/** Flag reasons and removal reasons share one list (FLAG_REASONS in config). */
export enum ModerationReason {
  SPAM = 'spam',
  HARASSMENT = 'harassment',
  PERSONAL_INFORMATION = 'personal_information',
  HATE = 'hate',
  CONFIDENTIAL = 'confidential',
  OFF_TOPIC = 'off_topic',
  OTHER = 'other',
}

export enum ModerationAction {
  APPROVE = 'approve',
  REMOVE = 'remove',
  RESTORE = 'restore',
}

export enum ModerationStateEnum {
  PUBLISHED = 'published',
  HELD = 'held',
  HIDDEN = 'hidden',
  REMOVED = 'removed',
  REJECTED = 'rejected',
}

export enum QueueReasonEnum {
  HELD = 'held',
  FLAGGED = 'flagged',
  APPEALED = 'appealed',
}

export enum ModeratedContentKind {
  THREAD = 'thread',
  REPLY = 'reply',
  REVIEW = 'review',
  /** A salary report: moderators see its title, level and city, never its amounts. */
  SALARY = 'salary',
  INTERVIEW = 'interview',
}

export enum LogPeriod {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}

registerEnumType(ModerationReason, { name: 'ModerationReason', description: 'Why content was flagged or removed.' });
registerEnumType(ModerationAction, { name: 'ModerationAction' });
registerEnumType(ModerationStateEnum, { name: 'ModerationState' });
registerEnumType(QueueReasonEnum, { name: 'ModerationQueueReason', description: 'Why an item is in the queue.' });
registerEnumType(ModeratedContentKind, { name: 'ModeratedContentType' });
registerEnumType(LogPeriod, { name: 'ModerationLogPeriod' });
export { ScreeningRejectReason as ScreeningRejectReasonEnum };

registerEnumType(ScreeningRejectReason, {
  name: 'ScreeningRejectReason',
  description: 'Why automatic screening rejected content; the client can show `rejectMessage`.',
});
