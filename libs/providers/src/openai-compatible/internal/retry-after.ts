import { headerValue, type ResponseHeaders } from './response-body';

/**
 * Seconds to wait before retrying, from the headers of a refusal. `retry-after-ms` (OpenAI,
 * Azure) is more precise and wins; `retry-after` is either seconds or an HTTP date. Undefined
 * when absent or unreadable.
 */
export function retryAfterSecondsOf(headers: ResponseHeaders, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms')?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds) / 1000);
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
