import { request, type Dispatcher } from 'undici';
import { buildRequestHeaders } from '../internal/request-headers';
import { headerValue, readBodyText } from '../internal/response-body';
import type { QwenClientOptions } from '../qwen-client-options';
import type { QwenCredentials } from '../qwen-credentials';
import { classifyQwenErrorPayload, classifyQwenHttpFailure, classifyTransportError } from '../qwen-error-classification';

/** Upload answers are small JSON envelopes. */
const maxAnswerBytes = 1024 * 1024;

export interface QwenJsonCall {
  options: Readonly<QwenClientOptions>;
  dispatcher: Dispatcher;
  credentials: QwenCredentials;
  path: string;
  body: unknown;
  requestId: string;
  signal?: AbortSignal;
}

/**
 * One authenticated `POST` of the upload flow, sent with the account's browser headers: a 2xx
 * JSON answer that reports no error, or a rejection with the classified `GatewayError`
 * (expired token, WAF page, daily limit…), exactly as the chat calls classify them.
 */
export async function postQwenJson(call: QwenJsonCall): Promise<unknown> {
  const { options } = call;
  let response: Dispatcher.ResponseData;
  let bodyText: string;
  try {
    response = await request(`${options.baseUrl}${call.path}`, {
      method: 'POST',
      headers: buildRequestHeaders({ options, endpoint: 'other', credentials: call.credentials, requestId: call.requestId, now: new Date() }),
      body: JSON.stringify(call.body),
      signal: call.signal,
      dispatcher: call.dispatcher,
      headersTimeout: options.firstByteTimeoutMs,
      bodyTimeout: options.idleTimeoutMs,
    });
    bodyText = await readBodyText(response.body, maxAnswerBytes);
  } catch (error) {
    throw classifyTransportError(error, { baseUrl: options.baseUrl, timeouts: options });
  }
  const json = parseJson(bodyText);
  const isSuccess = response.statusCode >= 200 && response.statusCode < 300;
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
