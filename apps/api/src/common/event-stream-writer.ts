import type { Response } from 'express';
import { concatMap, EMPTY, fromEvent, merge, type Observable, type Subscription, take, takeUntil, tap } from 'rxjs';
import type { ChatEvent, FlowControl, GatewayError } from '@qwen-proxy/contracts';

/** Turns one surface's events into SSE text; one instance per stream. */
export interface StreamEncoder {
  /** Frames (complete `data: …\n\n` blocks) for one event; may be empty. */
  encode(event: ChatEvent): string[];
  /** Frames after the last event of a well-ended stream (e.g. finish chunk, `[DONE]`). */
  end(): string[];
  /** The frame that reports a failure after the response has started. */
  error(error: GatewayError): string;
  /** The frame sent while the upstream is silent; default an SSE comment (Anthropic sends `ping` events). */
  keepAlive?(): string;
}

export interface StreamOutcome {
  statusCode: number;
  /** The client hung up before the end. */
  cancelled: boolean;
  error?: GatewayError;
}

export interface EventStreamOptions {
  /** Comment frames keep idle connections (and proxies between) open while the model works. */
  keepAliveMs: number;
  /** Writes the error as a plain HTTP error, for failures before any byte was sent. */
  sendError(error: GatewayError): void;
  /**
   * Called once with how the stream ended. After a complete answer it runs before the closing
   * frames (`[DONE]`) are written, and a returned promise delays them until it settles: that is
   * how a surface makes the record durable before the client holds the whole answer.
   */
  onDone(outcome: StreamOutcome): void | Promise<unknown>;
  /** Paused while the socket's buffer is full, so the provider stops reading upstream. */
  flow?: FlowControl;
}

/**
 * Writes a ChatEvent stream as server-sent events. Headers wait for the first frame so an early
 * failure still gets a real HTTP status (as Nest's own SSE writer defers them); keep-alive
 * comments start only if the upstream is slow. Writes honour backpressure (each event waits for
 * `drain`), and a client hang-up unsubscribes, which aborts the upstream request.
 */
export function writeEventStream(response: Response, events: Observable<ChatEvent>, encoder: StreamEncoder, options: EventStreamOptions): void {
  let finished = false;
  const finish = (outcome: StreamOutcome): void | Promise<unknown> => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    return options.onDone(outcome);
  };

  const commitHeaders = () => {
    if (response.headersSent) return;
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    response.setHeader('cache-control', 'no-cache, no-transform');
    response.setHeader('connection', 'keep-alive');
    response.setHeader('x-accel-buffering', 'no');
    response.socket?.setNoDelay(true);
    // No flushHeaders(): the first frames follow at once, and Node sends the headers with them
    // in one write (one segment less before the first token).
  };

  /** Writes frames; the returned Observable completes when the socket can take more. */
  const write = (frames: string[]): Observable<unknown> => {
    if (frames.length === 0 || response.writableEnded) return EMPTY;
    commitHeaders();
    const flushed = response.write(frames.join(''));
    if (flushed) return EMPTY;
    options.flow?.pause();
    return merge(fromEvent(response, 'drain'), fromEvent(response, 'close')).pipe(
      take(1),
      tap(() => options.flow?.resume()),
    );
  };

  const keepAlive = setInterval(() => {
    if (!response.writableEnded) write([encoder.keepAlive?.() ?? ': keep-alive\n\n']).subscribe();
  }, options.keepAliveMs);

  const closed = fromEvent(response, 'close');
  const subscription: Subscription = events
    .pipe(
      takeUntil(closed),
      concatMap((event) => {
        if (event.type !== 'error') return write(encoder.encode(event));
        fail(event.error);
        return EMPTY;
      }),
    )
    .subscribe({
      complete: () => {
        if (finished) return;
        if (response.writableEnded || response.destroyed) return void finish({ statusCode: 200, cancelled: true });
        // Encoded first: a surface's onDone may read what the encoder's end settles.
        const closingFrames = encoder.end();
        const closeStream = () => {
          if (response.writableEnded || response.destroyed) return;
          write(closingFrames);
          response.end();
        };
        const done = finish({ statusCode: 200, cancelled: false });
        if (done) void done.then(closeStream, closeStream);
        else closeStream();
      },
      error: (error: unknown) => fail(error as GatewayError),
    });

  function fail(error: GatewayError): void {
    if (finished) return;
    if (!response.headersSent) {
      options.sendError(error);
      finish({ statusCode: error.status, cancelled: false, error });
    } else {
      if (!response.writableEnded) response.end(encoder.error(error));
      finish({ statusCode: 200, cancelled: false, error });
    }
    // The provider completes after an error anyway; this only guards against one that does not.
    queueMicrotask(() => subscription.unsubscribe());
  }

  response.on('close', () => {
    // A provider waiting for room must not wait for ever: it is being unsubscribed anyway.
    options.flow?.resume();
    if (finished) return;
    subscription.unsubscribe();
    finish({ statusCode: response.headersSent ? 200 : 499, cancelled: true });
  });
}
