import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';

describe(SlidingWindowRateLimiter.name, () => {
  it('allows the limit within any 60 seconds and says when the next one fits', () => {
    const sut = new SlidingWindowRateLimiter();
    expect(sut.take('k', 2, 0)).toEqual({ allowed: true });
    expect(sut.take('k', 2, 10_000)).toEqual({ allowed: true });
    expect(sut.take('k', 2, 20_000)).toEqual({ allowed: false, retryAfterMs: 40_000 });
    // The first request leaves the window after 60 s: one slot frees up, not two.
    expect(sut.take('k', 2, 60_001)).toEqual({ allowed: true });
    expect(sut.take('k', 2, 60_002)).toEqual({ allowed: false, retryAfterMs: 9_998 });
  });

  it('keeps keys apart, and a refused request does not count', () => {
    const sut = new SlidingWindowRateLimiter();
    expect(sut.take('a', 1, 0)).toEqual({ allowed: true });
    expect(sut.take('b', 1, 0)).toEqual({ allowed: true });
    for (let attempt = 0; attempt < 5; attempt += 1) expect(sut.take('a', 1, 1000).allowed).toBe(false);
    expect(sut.take('a', 1, 60_001)).toEqual({ allowed: true });
  });
});
