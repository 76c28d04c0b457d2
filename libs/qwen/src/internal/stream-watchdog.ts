import type { QwenTimeoutPhase } from '../qwen-error-classification';

export interface StreamTimeouts {
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
}

/**
 * The two waits of a stream: until the first frame, then between frames. When one runs out,
 * `onExpire` is told which, once; the caller aborts the request. Keep-alive frames count as
 * frames: they prove Qwen is still working.
 */
export class StreamWatchdog {
  private timer?: NodeJS.Timeout;
  private expired?: QwenTimeoutPhase;

  constructor(
    private readonly timeouts: StreamTimeouts,
    private readonly onExpire: (phase: QwenTimeoutPhase) => void,
  ) {}

  /** Which wait ran out, if one did. */
  get expiredPhase(): QwenTimeoutPhase | undefined {
    return this.expired;
  }

  start(): void {
    this.arm('first-byte', this.timeouts.firstByteTimeoutMs);
  }

  frameArrived(): void {
    if (this.expired === undefined) this.arm('idle', this.timeouts.idleTimeoutMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(phase: QwenTimeoutPhase, timeoutMs: number): void {
    this.stop();
    if (!(timeoutMs > 0)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.expired = phase;
      this.onExpire(phase);
    }, timeoutMs);
    // The request's socket keeps the process alive while it matters; the timer alone should not.
    this.timer.unref();
  }
}
