import type { ChatRequest } from '@qwen-proxy/contracts';
import { openAiBodyOf } from './neutral-request.mapping';

/**
 * The body sent upstream. When the request arrived as a Chat Completions body (`original`),
 * that body goes through as the client wrote it: tools, `response_format`, `logprobs`, `n`,
 * `seed`, vendor extensions like `enable_thinking`, all of it. Only three things change:
 * - `model`: the upstream's id for it, when the caller routes an alias;
 * - `stream`: what the caller asks, so a non-streaming client gets the upstream's own JSON;
 * - `stream_options.include_usage`: always on when streaming, so usage is known; and
 *   `stream_options` removed when not streaming, which OpenAI refuses with a 400.
 * The client's object is never modified.
 */
export function upstreamBodyOf(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const body = isChatCompletionsBody(request.original) ? { ...request.original } : openAiBodyOf(request);
  body['model'] = upstreamModel;
  body['stream'] = request.stream;
  if (request.stream) {
    const clientStreamOptions = isObject(body['stream_options']) ? body['stream_options'] : {};
    body['stream_options'] = { ...clientStreamOptions, include_usage: true };
  } else {
    delete body['stream_options'];
  }
  return body;
}

/** An original without a `messages` list is not a Chat Completions body (a Responses API `input`, say). */
function isChatCompletionsBody(original: Record<string, unknown> | undefined): original is Record<string, unknown> {
  return original !== undefined && Array.isArray(original['messages']);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
