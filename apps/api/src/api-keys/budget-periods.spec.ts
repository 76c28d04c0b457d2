import { utcDayOf, utcMonthOf } from './budget-periods';

describe('budget periods', () => {
  const now = Date.UTC(2025, 11, 31, 23, 59, 30);

  it('a day runs from UTC midnight to the next', () => {
    expect(utcDayOf(now)).toEqual({ start: Date.UTC(2025, 11, 31), end: Date.UTC(2026, 0, 1) });
  });

  it('a month runs from its first UTC midnight to the next month’s, across a year end', () => {
    expect(utcMonthOf(now)).toEqual({ start: Date.UTC(2025, 11, 1), end: Date.UTC(2026, 0, 1) });
    expect(utcMonthOf(Date.UTC(2024, 1, 29, 12))).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) });
  });
});
