import { countTokens } from 'gpt-tokenizer';
import type { TokenUsage } from '@qwen-proxy/contracts';

/**
 * Token counts for when the upstream reports none. Qwen's own tokenizer is not published for
 * JavaScript; o200k (gpt-tokenizer's default) lands close for English and code and is a real
 * count rather than a characters/4 guess. Marked `estimated` so nobody mistakes it for billing.
 */
export function estimateUsage(input: { prompt: string; answer: string; reasoning?: string }): TokenUsage {
  const inputTokens = countTokens(input.prompt);
  const reasoningTokens = input.reasoning ? countTokens(input.reasoning) : 0;
  const outputTokens = countTokens(input.answer) + reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoningTokens ? { reasoningTokens } : {}),
    estimated: true,
  };
}
