import type { TokenUsage } from '@qwen-proxy/contracts';
import { estimateTextTokens } from './token-count';
import type { TokenCounter } from './tokenizer/token-counter';

export interface UsageEstimateInput {
  prompt: string;
  answer: string;
  reasoning?: string;
}

/**
 * Token counts for when the upstream reports none, marked `estimated` so nobody mistakes them
 * for billing. Bounded in time on the calling thread: long texts are sampled.
 */
export function estimateUsage(input: UsageEstimateInput): TokenUsage {
  return usageOf(estimateTextTokens(input.prompt), input.reasoning ? estimateTextTokens(input.reasoning) : 0, estimateTextTokens(input.answer));
}

/** The same, counted by `counter` (long texts on a worker thread, exact). */
export async function estimateUsageWith(counter: Pick<TokenCounter, 'estimate'>, input: UsageEstimateInput): Promise<TokenUsage> {
  const [inputTokens, reasoningTokens, answerTokens] = await Promise.all([
    counter.estimate(input.prompt),
    input.reasoning ? counter.estimate(input.reasoning) : 0,
    counter.estimate(input.answer),
  ]);
  return usageOf(inputTokens, reasoningTokens, answerTokens);
}

function usageOf(inputTokens: number, reasoningTokens: number, answerTokens: number): TokenUsage {
  const outputTokens = answerTokens + reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoningTokens ? { reasoningTokens } : {}),
    estimated: true,
  };
}
