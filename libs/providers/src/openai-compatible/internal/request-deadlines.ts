/** Which wait ran out. `connect` is enforced by the dispatcher, the other two here. */
export type TimeoutName = 'connect' | 'first-byte' | 'total';

export interface DeadlineTimeouts {
  /** From sending until the first byte of the response body; 0 or less disables it. */
  firstByteMs?: number;
  /** From sending until the last byte; 0 or less disables it. */
  totalMs: number;
}

/**
 * The two waits of one upstream request. When one runs out, `onExpire` is told which, once;
 * the caller aborts the request and reports a timeout naming it.
 */
export class RequestDeadlines {
  private readonly timers = new Set<NodeJS.Timeout>();
  private firstByteTimer?: NodeJS.Timeout;
  private expiredTimeout?: TimeoutName;

  constructor(
    private readonly timeouts: DeadlineTimeouts,
    private readonly onExpire: (timeout: TimeoutName) => void,
  ) {}

  /** Which wait ran out, if one did. */
  get expired(): TimeoutName | undefined {
    return this.expiredTimeout;
  }

  start(): void {
    if (this.timeouts.firstByteMs !== undefined) this.firstByteTimer = this.arm('first-byte', this.timeouts.firstByteMs);
    this.arm('total', this.timeouts.totalMs);
  }

  firstByteArrived(): void {
    if (!this.firstByteTimer) return;
    this.clear(this.firstByteTimer);
    this.firstByteTimer = undefined;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.firstByteTimer = undefined;
  }

  private arm(name: TimeoutName, timeoutMs: number): NodeJS.Timeout | undefined {
    if (!(timeoutMs > 0)) return undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.expiredTimeout !== undefined) return;
      this.expiredTimeout = name;
      this.stop();
      this.onExpire(name);
    }, timeoutMs);
    // The request's socket keeps the process alive while it matters; the timer alone should not.
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }
}
