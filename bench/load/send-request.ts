import { type Dispatcher, request } from 'undici';
import { ChunkCounter } from './chunk-counter';
import type { Target } from './target';

/** One request as the client saw it, timed with the monotonic clock. */
export interface RequestSample {
  ok: boolean;
  /** From the first byte sent to the last byte received (prelude included), ms. */
  latencyMs: number;
  /** From the first byte sent to the arrival of the first answer chunk, ms. */
  firstTokenMs?: number;
  /** Answer chunks that arrived. */
  chunks: number;
  error?: string;
}

/**
 * Sends one chat completion and reads the answer to its end. `ok` means HTTP 200 and every
 * expected chunk arrived, so a gateway cannot look fast by answering errors or truncating.
 */
export async function sendRequest(
  target: Target,
  options: { stream: boolean; expectedChunks: number; dispatcher: Dispatcher },
): Promise<RequestSample> {
  const started = performance.now();
  const counter = new ChunkCounter();
  let firstTokenAt: number | undefined;
  try {
    if (target.prelude) {
      const prelude = await request(target.origin + target.prelude.path, {
        method: 'POST',
        headers: target.prelude.headers,
        body: target.prelude.body,
        dispatcher: options.dispatcher,
      });
      await prelude.body.text();
    }
    const response = await request(target.origin + target.path, {
      method: 'POST',
      headers: target.headers,
      body: target.body(options.stream),
      dispatcher: options.dispatcher,
    });
    for await (const part of response.body) {
      if (counter.push(part as Buffer)) firstTokenAt = performance.now();
    }
    const finished = performance.now();
    const ok = response.statusCode === 200 && counter.count === options.expectedChunks;
    return {
      ok,
      latencyMs: finished - started,
      firstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
      chunks: counter.count,
      ...(ok ? {} : { error: `HTTP ${response.statusCode}, ${counter.count}/${options.expectedChunks} chunks` }),
    };
  } catch (error) {
    return {
      ok: false,
      latencyMs: performance.now() - started,
      chunks: counter.count,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
