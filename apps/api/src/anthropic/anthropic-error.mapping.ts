import type { Response } from 'express';
import type { GatewayError } from '@qwen-proxy/contracts';
import { retryHeadersOf } from '../openai/openai-error.mapping';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

/** Anthropic answers "overloaded" with its own status, which its clients retry and report as such. */
const overloadedStatus = 529;

/** Anthropic's status and error `type` for a gateway error. */
export function anthropicStatusAndType(status: number): { status: number; type: string } {
  switch (status) {
    case 400:
    case 409:
    case 422:
      return { status, type: 'invalid_request_error' };
    case 401:
      return { status, type: 'authentication_error' };
    case 403:
      return { status, type: 'permission_error' };
    case 404:
      return { status, type: 'not_found_error' };
    case 413:
      return { status, type: 'request_too_large' };
    case 429:
      return { status, type: 'rate_limit_error' };
    case 503:
    case overloadedStatus:
      return { status: overloadedStatus, type: 'overloaded_error' };
    default:
      return { status, type: status >= 500 ? 'api_error' : 'invalid_request_error' };
  }
}

export function toAnthropicErrorBody(error: GatewayError): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicStatusAndType(error.status).type, message: error.message } };
}

/**
 * Writes a GatewayError in Anthropic's shape, with `request-id` (Anthropic's name for our
 * `x-request-id`) and the retry headers, which Anthropic's SDKs read as OpenAI's do.
 */
export function sendAnthropicError(response: Response, error: GatewayError): void {
  if (response.headersSent) {
    if (!response.writableEnded) response.end();
    return;
  }
  response.locals.sentError = { code: error.code, message: error.message };
  const requestId = response.getHeader('x-request-id');
  if (requestId !== undefined) response.setHeader('request-id', String(requestId));
  response.status(anthropicStatusAndType(error.status).status).set(retryHeadersOf(error)).json(toAnthropicErrorBody(error));
}
