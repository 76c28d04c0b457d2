import type { GatewayError } from '@qwen-proxy/contracts';

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null; details?: Record<string, unknown> };
}

/** OpenAI's error `type` for each status. */
function typeOf(status: number): string {
  switch (status) {
    case 400:
    case 404:
    case 409:
    case 413:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 429:
      return 'rate_limit_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export function toOpenAiErrorBody(error: GatewayError): OpenAiErrorBody {
  return {
    error: {
      message: error.message,
      type: typeOf(error.status),
      param: error.param ?? null,
      code: error.code,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

/**
 * Headers that steer clients' retry logic. The openai SDKs retry 408/409/429/5xx unless told
 * `x-should-retry: false`; a wait longer than a minute (Qwen's daily limit) or a failure no
 * retry can fix (expired token, captcha) gets `false`, so a client fails fast with our message.
 */
export function retryHeadersOf(error: GatewayError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
  const retryableStatus = error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  const worthRetrying = retryableStatus && error.retryable && (error.retryAfterSeconds ?? 0) <= 60;
  headers['x-should-retry'] = worthRetrying ? 'true' : 'false';
  return headers;
}
