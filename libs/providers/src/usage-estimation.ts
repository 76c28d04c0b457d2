import type { TokenUsage } from '@qwen-proxy/contracts';
import { estimateTextTokens } from './token-count';
import type { TokenCounter, TokenEstimate } from './tokenizer/token-counter';

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
  return usageOf(estimateTextTokens(input.prompt), input.reasoning ? estimateTextTokens(input.reasoning) : 0, estimateTextTokens(input.answer), ['o200k']);
}

/** The same, counted by `counter` (long texts on a worker thread, exact), naming its tokenizer. */
export async function estimateUsageWith(counter: Pick<TokenCounter, 'estimateWithTokenizer'>, input: UsageEstimateInput): Promise<TokenUsage> {
  const none: TokenEstimate | undefined = undefined;
  const [prompt, reasoning, answer] = await Promise.all([
    counter.estimateWithTokenizer(input.prompt),
    input.reasoning ? counter.estimateWithTokenizer(input.reasoning) : none,
    counter.estimateWithTokenizer(input.answer),
  ]);
  const parts = [prompt, reasoning, answer].filter((part) => part !== undefined);
  return usageOf(prompt.tokens, reasoning?.tokens ?? 0, answer.tokens, parts.map((part) => part.tokenizer));
}

function usageOf(inputTokens: number, reasoningTokens: number, answerTokens: number, tokenizers: string[]): TokenUsage {
  const outputTokens = answerTokens + reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoningTokens ? { reasoningTokens } : {}),
    estimated: true,
    estimatedBy: joinTokenizers(tokenizers),
  };
}

/** "qwen3", or "o200k+qwen3" when a part fell back to the sampled o200k estimate. */
export function joinTokenizers(tokenizers: readonly (string | undefined)[]): string {
  return [...new Set(tokenizers.flatMap((name) => (name ? name.split('+') : [])))].sort().join('+');
}
