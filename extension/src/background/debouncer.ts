export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs an action once a burst of triggers has been quiet for `delayMs`: a login sets a dozen
 * cookies within a second, and they should reach the proxy as one delivery.
 */
export class Debouncer {
  private handle: unknown;

  constructor(
    private readonly delayMs: number,
    private readonly action: () => void,
    private readonly timers: Timers = globalTimers,
  ) {}

  trigger(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.action();
    }, this.delayMs);
  }

  get pending(): boolean {
    return this.handle !== undefined;
  }

  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
