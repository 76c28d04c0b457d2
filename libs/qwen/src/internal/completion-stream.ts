import type { Dispatcher } from 'undici';
import { type FlowControl, SseDecoder, SseEventTooLargeError } from '@qwen-proxy/contracts';
import type { QwenEvent } from '../qwen-event';
import {
  classifyQwenHttpFailure,
  classifyTransportError,
  qwenTimeoutError,
  requestAbortedError,
} from '../qwen-error-classification';
import { QwenStreamState } from '../qwen-stream-state';
import { emptyNonStreamAnswerError } from '../request-side-errors';
import { framesOf } from './frame-payloads';
import { headerValue, readBodyText } from './response-body';
import { sendRetryingStaleSocket } from './stale-socket-retry';
import { StreamWatchdog } from './stream-watchdog';

/** An error page is read this far at most: enough for any JSON error or WAF page. */
const maxErrorBodyBytes = 1024 * 1024;

export interface CompletionStreamRun {
  /** Sends the request; the signal aborts it (and its body) on unsubscribe or a timeout. */
  send(signal: AbortSignal): Promise<Dispatcher.ResponseData>;
  baseUrl: string;
  timeouts: { connectTimeoutMs: number; firstByteTimeoutMs: number; idleTimeoutMs: number };
  /** Longest SSE line or event accepted (see `SseDecoder`). */
  sseMaxLineBytes?: number;
  /** Paused while the client cannot take more: the body is not read meanwhile. */
  flow?: FlowControl;
  /** Fires when the consumer goes away; nothing is emitted after it. */
  cancelled: AbortSignal;
  /** Fires when the caller cancels; the consumer then gets a `request_aborted` error. */
  callerSignal?: AbortSignal;
  emit(event: QwenEvent): void;
}

/**
 * One completion, from request to last event: checks the answer is a stream, then bytes → SSE →
 * JSON → `QwenStreamState`, emitting events as frames arrive. Every upstream failure becomes an
 * `error` event; the promise only rejects on a bug.
 *
 * A connection that breaks after text arrived ends like a clean close without the final frame:
 * the text is delivered as truncated. So does a silence (idle timeout) after answer text; any
 * other timeout is reported as such.
 */
export async function runCompletionStream(run: CompletionStreamRun): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  run.cancelled.addEventListener('abort', abort);
  run.callerSignal?.addEventListener('abort', abort);
  const watchdog = new StreamWatchdog(run.timeouts, abort);
  const state = new QwenStreamState();
  const emit = (events: QwenEvent[]) => {
    if (!run.cancelled.aborted) events.forEach((event) => run.emit(event));
  };
  let streaming = false;

  try {
    if (run.callerSignal?.aborted) throw requestAbortedError();
    watchdog.start();
    const response = await sendRetryingStaleSocket(() => run.send(controller.signal), controller.signal);
    const contentType = headerValue(response.headers, 'content-type') ?? '';
    const isSuccess = response.statusCode >= 200 && response.statusCode < 300;
    if (!isSuccess || !contentType.toLowerCase().includes('text/event-stream')) {
      const bodyText = await readBodyText(response.body, maxErrorBodyBytes);
      // An empty 200 instead of a stream comes and goes (audit D10): the client retries it once.
      const error =
        isSuccess && bodyText.trim() === ''
          ? emptyNonStreamAnswerError()
          : classifyQwenHttpFailure({
              status: response.statusCode,
              contentType,
              bodyText,
              headers: response.headers,
              expectedContentType: 'text/event-stream',
            });
      emit([{ type: 'error', error }]);
      return;
    }

    streaming = true;
    const decoder = new SseDecoder({ maxLineBytes: run.sseMaxLineBytes });
    for await (const chunk of response.body) {
      for (const { data: payload } of decoder.push(chunk)) {
        watchdog.frameArrived();
        emit(framesOf(payload).flatMap((frame) => state.push(frame)));
      }
      // Whatever follows the end is ignored; stop reading and let the socket go.
      if (state.isEnded) return;
      const ready = run.flow?.ready;
      if (ready) {
        // The idle timeout is about Qwen's silence, not the client's: it waits out the pause.
        watchdog.stop();
        await ready;
        watchdog.frameArrived();
      }
    }
    emit(decoder.end().flatMap(({ data: payload }) => framesOf(payload).flatMap((frame) => state.push(frame))));
    emit(state.end());
  } catch (error) {
    if (run.cancelled.aborted) return;
    const phase = watchdog.expiredPhase;
    if (error instanceof SseEventTooLargeError) {
      // Not a truncated answer: the stream is refused, whatever arrived before.
      emit([{ type: 'error', error }]);
    } else if (phase === 'idle' && state.hasDeliveredAnswer) {
      // Qwen keeps the connection open after an answer (FreeQwenApi transport.js) and may end it
      // in a way we do not know: the answer that arrived is delivered, flagged as truncated
      // (OpenAI `length`) because nothing said it was complete. Reasoning alone is not an answer.
      emit(state.end());
    } else if (phase !== undefined) {
      const timeoutMs = phase === 'idle' ? run.timeouts.idleTimeoutMs : run.timeouts.firstByteTimeoutMs;
      emit([{ type: 'error', error: qwenTimeoutError(phase, timeoutMs, run.baseUrl, error) }]);
    } else if (run.callerSignal?.aborted) {
      emit([{ type: 'error', error: requestAbortedError(error) }]);
    } else if (streaming && state.hasDeliveredText) {
      emit(state.end());
    } else {
      const classified = classifyTransportError(error, {
        baseUrl: run.baseUrl,
        phase: streaming ? 'idle' : 'first-byte',
        timeouts: run.timeouts,
      });
      // A bug is not an upstream failure: let it error the observable instead of posing as one.
      if (classified.code === 'internal_error') throw error;
      emit([{ type: 'error', error: classified }]);
    }
  } finally {
    watchdog.stop();
    run.cancelled.removeEventListener('abort', abort);
    run.callerSignal?.removeEventListener('abort', abort);
  }
}
