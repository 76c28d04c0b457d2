import type { Dispatcher } from 'undici';
import { callQwenJson } from '../internal/json-call';
import { buildRequestHeaders } from '../internal/request-headers';
import type { QwenClientOptions } from '../qwen-client-options';
import type { QwenCredentials } from '../qwen-credentials';

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
export function postQwenJson(call: QwenJsonCall): Promise<unknown> {
  return callQwenJson({
    options: call.options,
    dispatcher: call.dispatcher,
    method: 'POST',
    path: call.path,
    headers: buildRequestHeaders({ options: call.options, endpoint: 'other', credentials: call.credentials, requestId: call.requestId, now: new Date() }),
    body: call.body,
    signal: call.signal,
    maxBodyBytes: maxAnswerBytes,
  });
}
