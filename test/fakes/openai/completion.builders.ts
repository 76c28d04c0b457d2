import { randomBytes } from 'node:crypto';

/** The answer's fixed facts: one id, one creation time, the model asked for. */
export interface AnswerIdentity {
  id: string;
  created: number;
  model: string;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

export function newAnswerIdentity(model: string): AnswerIdentity {
  return { id: `chatcmpl-${randomBytes(15).toString('base64url')}`, created: Math.floor(Date.now() / 1000), model };
}

export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('base64url')}`;
}

/** About four characters a token: deterministic and good enough for a fake. */
function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

export function usageOf(prompt: string, answer: string, reasoning = ''): FakeUsage {
  const promptTokens = tokensOf(prompt);
  const reasoningTokens = tokensOf(reasoning);
  const completionTokens = tokensOf(answer) + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/**
 * One `chat.completion.chunk` as OpenAI writes it. With `include_usage`, every chunk carries
 * `usage: null` and a last chunk with `choices: []` carries the usage.
 */
export function chunkOf(
  identity: AnswerIdentity,
  delta: Record<string, unknown>,
  options: { finishReason?: string | null; includeUsage: boolean },
): Record<string, unknown> {
  const chunk: Record<string, unknown> = {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: options.finishReason ?? null }],
  };
  if (options.includeUsage) chunk['usage'] = null;
  return chunk;
}

export function usageChunkOf(identity: AnswerIdentity, usage: FakeUsage): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
    choices: [],
    usage,
  };
}

/** One non-streamed `chat.completion`. */
export function completionOf(
  identity: AnswerIdentity,
  message: Record<string, unknown>,
  finishReason: string,
  usage: FakeUsage,
): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, annotations: [], ...message }, logprobs: null, finish_reason: finishReason }],
    usage,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

/** The text of every message, for counting prompt tokens. */
export function promptTextOf(messages: unknown[]): string {
  return messages
    .map((message) => {
      const content = (message as { content?: unknown }).content;
      if (typeof content === 'string') return content;
      return JSON.stringify(content ?? '');
    })
    .join('\n');
}
