import { retryAfterSecondsOf } from './retry-after';

describe(retryAfterSecondsOf.name, () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads seconds, rounding a fraction up', () => {
    expect(retryAfterSecondsOf({ 'retry-after': '20' }, now)).toBe(20);
    expect(retryAfterSecondsOf({ 'Retry-After': ' 1.2 ' }, now)).toBe(2);
  });

  it('reads an HTTP date as the seconds until then, never negative', () => {
    expect(retryAfterSecondsOf({ 'retry-after': 'Thu, 01 Jan 2026 00:01:30 GMT' }, now)).toBe(90);
    expect(retryAfterSecondsOf({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms when both are sent', () => {
    expect(retryAfterSecondsOf({ 'retry-after-ms': '1500', 'retry-after': '20' }, now)).toBe(2);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterSecondsOf({}, now)).toBeUndefined();
    expect(retryAfterSecondsOf({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterSecondsOf({ 'retry-after-ms': 'soon' }, now)).toBeUndefined();
  });
});
