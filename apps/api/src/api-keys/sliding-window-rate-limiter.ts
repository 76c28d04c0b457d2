const windowMs = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Requests per minute per key, as a sliding window: a key may make `limit` requests in any 60
 * seconds, so a burst at a minute's boundary cannot double the rate as fixed windows allow.
 * In memory: a restart forgets the window, which at worst lets one more minute's worth through.
 */
export class SlidingWindowRateLimiter {
  private readonly timestamps = new Map<string, number[]>();

  /** Counts a request when it is allowed; a refused one does not use up the window. */
  take(key: string, limit: number, now = Date.now()): RateDecision {
    const recent = (this.timestamps.get(key) ?? []).filter((time) => time > now - windowMs);
    if (recent.length >= limit) {
      this.timestamps.set(key, recent);
      return { allowed: false, retryAfterMs: Math.max(1, recent[recent.length - limit]! + windowMs - now) };
    }
    recent.push(now);
    this.timestamps.set(key, recent);
    return { allowed: true };
  }

  forget(key: string): void {
    this.timestamps.delete(key);
  }
}
