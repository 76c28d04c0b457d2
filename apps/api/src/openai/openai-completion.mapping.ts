import type { ChatResult } from '@qwen-proxy/providers';
import { urlCitationsOf } from './openai-chunk.mapping';
import { toOpenAiFinishReason } from './openai-finish-reason';
import { toOpenAiUsage, type OpenAiUsage } from './openai-usage';

export interface OpenAiCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint: null;
  choices: {
    index: number;
    message: Record<string, unknown>;
    logprobs: null;
    finish_reason: string;
  }[];
  usage: OpenAiUsage;
}

/** A reduced answer as an OpenAI `chat.completion`. */
export function toOpenAiCompletion(result: ChatResult, options: { id: string; model: string; created: number }): OpenAiCompletion {
  const message: Record<string, unknown> = { role: 'assistant', content: result.toolCalls.length && !result.text ? null : result.text, refusal: null };
  if (result.reasoning) message['reasoning_content'] = result.reasoning;
  if (result.toolCalls.length) {
    message['tool_calls'] = result.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  }
  if (result.sources.length) {
    message['annotations'] = urlCitationsOf(result.sources, result.text);
  }
  return {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    system_fingerprint: null,
    choices: [{ index: 0, message, logprobs: null, finish_reason: toOpenAiFinishReason(result.finishReason, result.truncated) }],
    usage: result.usage ? toOpenAiUsage(result.usage) : { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}
