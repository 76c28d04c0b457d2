import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Writes an event stream onto one HTTP response and tells apart the two ways it can stop: the
 * fake ending it (finished, cut, shut down) or the client hanging up first.
 */
export class SseResponseWriter {
  private endedByServer = false;

  constructor(private readonly response: ServerResponse) {}

  /** True while bytes can still reach the client. */
  get isOpen(): boolean {
    return !this.response.destroyed && !this.response.writableEnded;
  }

  /** Calls back once when the response is gone, saying whether the client left before the fake ended it. */
  onClose(listener: (clientHungUp: boolean) => void): void {
    this.response.once('close', () => listener(!this.endedByServer));
  }

  /** Sends the status line and headers now, so that even a stream that never writes a frame has begun. */
  sendHeaders(): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.response.flushHeaders();
  }

  /** Writes bytes, waiting for the socket to drain when the client reads slowly. */
  async write(bytes: Buffer): Promise<void> {
    if (!this.isOpen || bytes.length === 0) {
      return;
    }
    if (!this.response.write(bytes)) {
      await Promise.race([once(this.response, 'drain'), once(this.response, 'close')]);
    }
  }

  /** The normal end: the last chunk, then the connection may close. */
  end(): void {
    this.endedByServer = true;
    this.response.end();
  }

  /** Resets the connection mid-stream, as a dropped upstream does: the client sees a truncated body. */
  destroy(): void {
    this.endedByServer = true;
    this.response.destroy();
  }
}
