import { describe, expect, it } from '@jest/globals';
import { parseInterviewMonth } from './interview-month.js';

const now = new Date('2026-12-02T08:00:00Z');

describe('interview month', () => {
  it('takes YYYY-MM from five years back to this month, as the first of the month (UTC)', () => {
    expect(parseInterviewMonth('2026-12', now)).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(parseInterviewMonth('2021-12', now)).toEqual(new Date('2021-12-01T00:00:00Z'));
  });

  it.each(['2027-01', '2021-11', '2026-13', '2026-1', '26-12', '2026-12-01', ''])('refuses %j', (value) => {
    expect(() => parseInterviewMonth(value, now)).toThrow(expect.objectContaining({ code: 'INTERVIEW_MONTH_INVALID' }));
  });
});
