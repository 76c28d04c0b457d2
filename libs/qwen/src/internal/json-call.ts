import { request, type Dispatcher } from 'undici';
import type { QwenClientOptions } from '../qwen-client-options';
import { classifyQwenErrorPayload, classifyQwenHttpFailure, classifyTransportError } from '../qwen-error-classification';
import { headerValue, readBodyText } from './response-body';
import { sendRetryingStaleSocket } from './stale-socket-retry';

export interface JsonCallRequest {
  options: Readonly<QwenClientOptions>;
  dispatcher: Dispatcher;
  method: Dispatcher.HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  maxBodyBytes: number;
  /** DELETE may answer an empty 2xx. */
  emptyBodyIsSuccess?: boolean;
}

/**
 * One JSON call to chat.qwen.ai: a 2xx with a JSON body that reports no error, or a rejection
 * with the classified GatewayError (expired token, WAF page, daily limit…). Chat calls and the
 * upload flow share it, so they classify failures alike.
 */
export async function callQwenJson(call: JsonCallRequest): Promise<unknown> {
  const { options } = call;
  let response: Dispatcher.ResponseData;
  let bodyText: string;
  try {
    response = await sendRetryingStaleSocket(
      () =>
        request(`${options.baseUrl}${call.path}`, {
          method: call.method,
          headers: call.headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: call.signal,
          dispatcher: call.dispatcher,
          headersTimeout: options.firstByteTimeoutMs,
          bodyTimeout: options.idleTimeoutMs,
        }),
      call.signal,
    );
    bodyText = await readBodyText(response.body, call.maxBodyBytes);
  } catch (error) {
    throw classifyTransportError(error, { baseUrl: options.baseUrl, timeouts: options });
  }

  const isSuccess = response.statusCode >= 200 && response.statusCode < 300;
  if (isSuccess && call.emptyBodyIsSuccess && bodyText.trim() === '') return undefined;
  const json = parseJson(bodyText);
  if (isSuccess && json !== undefined && classifyQwenErrorPayload(json) === undefined) return json;
  throw classifyQwenHttpFailure({
    status: response.statusCode,
    contentType: headerValue(response.headers, 'content-type'),
    bodyText,
    headers: response.headers,
    expectedContentType: 'application/json',
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
