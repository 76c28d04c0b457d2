import type { Dispatcher } from 'undici';
import { proxyFailureCode } from '../account-proxy-agent';

/** What a pooled socket that the server (or a middlebox) closed while it idled fails with. */
const staleSocketCodes = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A reset before any byte of the answer: the mark of a kept-alive socket gone stale during a long stall. */
export function isStaleSocketFailure(error: unknown): boolean {
  const codes = codesOf(error);
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
