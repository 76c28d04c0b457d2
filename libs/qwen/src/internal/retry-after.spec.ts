import { parseRetryAfter } from './retry-after';

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2026-03-05T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter(' 30 ', now)).toBe(30);
  });

  it('reads an HTTP date as the seconds until then, never negative', () => {
    expect(parseRetryAfter('Thu, 05 Mar 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Thu, 05 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives undefined when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
