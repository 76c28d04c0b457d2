import type { ChatEvent, FinishReason } from '@qwen-proxy/contracts';
import type { ChatResult } from '@qwen-proxy/providers';
import { toOpenAiFinishReason } from '../openai/openai-finish-reason';
import { type OpenAiUsage, toOpenAiUsage } from '../openai/openai-usage';

export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  system_fingerprint: null;
  choices: { text: string; index: number; logprobs: null; finish_reason: string | null }[];
  usage?: OpenAiUsage | null;
}

export interface TextCompletionIdentity {
  id: string;
  model: string;
  created: number;
}

const emptyUsage: OpenAiUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** A reduced answer as a `text_completion`. Reasoning has no place in this format and is left out. */
export function toTextCompletion(result: ChatResult, identity: TextCompletionIdentity): TextCompletion {
  return {
    ...header(identity),
    choices: [{ text: result.text, index: 0, logprobs: null, finish_reason: toOpenAiFinishReason(result.finishReason, result.truncated) }],
    usage: result.usage ? toOpenAiUsage(result.usage) : emptyUsage,
  };
}

/**
 * ChatEvents to streamed `text_completion` chunks, pure and per stream: one per text delta, a
 * last one with `finish_reason`, then (with include_usage) a usage chunk with `choices: []`.
 */
export class TextCompletionChunkMapper {
  private usage?: OpenAiUsage;
  private finish?: { reason: FinishReason; truncated: boolean };

  constructor(private readonly options: TextCompletionIdentity & { includeUsage: boolean }) {}

  map(event: ChatEvent): TextCompletion[] {
    switch (event.type) {
      case 'text-delta':
        return event.text ? [this.chunk(event.text, null)] : [];
      case 'usage':
        this.usage = toOpenAiUsage(event.usage);
        return [];
      case 'finish':
        this.finish = { reason: event.reason, truncated: event.truncated };
        return [];
      default:
        return [];
    }
  }

  end(): TextCompletion[] {
    const chunks = [this.chunk('', toOpenAiFinishReason(this.finish?.reason, this.finish?.truncated ?? false))];
    if (this.options.includeUsage) chunks.push({ ...header(this.options), choices: [], usage: this.usage ?? emptyUsage });
    return chunks;
  }

  private chunk(text: string, finishReason: string | null): TextCompletion {
    const chunk: TextCompletion = { ...header(this.options), choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] };
    if (this.options.includeUsage) chunk.usage = null;
    return chunk;
  }
}

function header(identity: TextCompletionIdentity): Omit<TextCompletion, 'choices'> {
  return { id: identity.id, object: 'text_completion', created: identity.created, model: identity.model, system_fingerprint: null };
}
