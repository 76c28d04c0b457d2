import { countTextTokens } from './token-count';
import type { TokenUsage } from '@qwen-proxy/contracts';

/** Token counts for when the upstream reports none, marked `estimated` so nobody mistakes them for billing. */
export function estimateUsage(input: { prompt: string; answer: string; reasoning?: string }): TokenUsage {
  const inputTokens = countTextTokens(input.prompt);
  const reasoningTokens = input.reasoning ? countTextTokens(input.reasoning) : 0;
  const outputTokens = countTextTokens(input.answer) + reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoningTokens ? { reasoningTokens } : {}),
    estimated: true,
  };
}
