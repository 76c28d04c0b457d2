import type { Dispatcher } from 'undici';
import { type RequestSample, sendRequest } from './send-request';
import type { Target } from './target';

export interface BatchOptions {
  requests: number;
  concurrency: number;
  stream: boolean;
  expectedChunks: number;
  dispatcher: Dispatcher;
}

export interface BatchResult {
  samples: RequestSample[];
  wallMs: number;
}

/**
 * A closed loop: `concurrency` workers each send their next request as soon as the previous one
 * ended, until `requests` were sent. Closed loops measure latency under a fixed number of
 * clients, the way agents and SDK users load a local gateway.
 */
export async function runBatch(target: Target, options: BatchOptions): Promise<BatchResult> {
  const samples: RequestSample[] = [];
  let issued = 0;
  const worker = async () => {
    while (issued < options.requests) {
      issued += 1;
      samples.push(await sendRequest(target, options));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));
  return { samples, wallMs: performance.now() - started };
}
