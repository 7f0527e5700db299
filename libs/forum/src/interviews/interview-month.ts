import { ForumError, ForumErrorCode } from '../forum.errors.js';

/** How far back an interview may be reported. */
export const INTERVIEW_MONTHS_BACK = 60;

/** "YYYY-MM" → the first day of that month (UTC); refused when malformed, in the future or over five years ago. */
export function parseInterviewMonth(value: string, now: Date = new Date()): Date {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw new ForumError(ForumErrorCode.InterviewMonthInvalid, 'month', { field: 'month' });
  const month = Number(match[1]) * 12 + Number(match[2]) - 1;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (month > current || month < current - INTERVIEW_MONTHS_BACK) {
    throw new ForumError(ForumErrorCode.InterviewMonthInvalid, 'month', { field: 'month' });
  }
  return new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
}
