/**
 * Backpressure from the client's socket to the upstream read loop. An Observable cannot say
 * "wait": without this, a client that reads nothing had the whole upstream answer drained into
 * memory (200 MB answer, RSS 1.1 GB). The writer pauses it when the socket's buffer is full and
 * resumes it on `drain`; a provider awaits `ready` before it reads the next upstream chunk, so
 * the upstream socket stops being read and TCP slows the sender.
 */
export class FlowControl {
  private waiting?: { promise: Promise<void>; resolve: () => void };

  pause(): void {
    if (this.waiting) return;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.waiting = { promise, resolve };
  }

  resume(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve();
  }

  /** Undefined while flowing (nothing to await on the hot path); while paused, settles on resume. */
  get ready(): Promise<void> | undefined {
    return this.waiting?.promise;
  }
}
