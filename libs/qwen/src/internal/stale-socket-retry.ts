import type { Dispatcher } from 'undici';
import { errorCodesOf } from '@qwen-proxy/contracts';
import { proxyFailureCode } from '../account-proxy-agent';

/** What a pooled socket that the server (or a middlebox) closed while it idled fails with. */
const staleSocketCodes = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** A reset before any byte of the answer: the mark of a kept-alive socket gone stale during a long stall. */
export function isStaleSocketFailure(error: unknown): boolean {
  const codes = errorCodesOf(error);
  return !codes.includes(proxyFailureCode) && codes.some((code) => staleSocketCodes.has(code));
}

/**
 * Sends, and once more when the first try died on a stale socket before any byte of the answer
 * arrived (undici retries no POST by itself): after a long stall the pool's kept-alive socket may
 * have been closed by the other side, which is no reason to fail the request with a 502.
 */
export async function sendRetryingStaleSocket(send: () => Promise<Dispatcher.ResponseData>, signal?: AbortSignal): Promise<Dispatcher.ResponseData> {
  try {
    return await send();
  } catch (error) {
    if (signal?.aborted || !isStaleSocketFailure(error)) throw error;
    return send();
  }
}
