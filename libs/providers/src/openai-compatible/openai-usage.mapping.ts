import type { TokenUsage } from '@qwen-proxy/contracts';
import type { OpenAiUsage } from './openai-chunk.schema';

/** OpenAI's usage in the gateway's words; undefined when it counts nothing at all. */
export function mapOpenAiUsage(usage: OpenAiUsage): TokenUsage | undefined {
  const { prompt_tokens: input, completion_tokens: output, total_tokens: total } = usage;
  if (input === undefined && output === undefined && total === undefined) return undefined;
  const inputTokens = input ?? 0;
  const outputTokens = output ?? Math.max(0, (total ?? 0) - inputTokens);
  const mapped: TokenUsage = { inputTokens, outputTokens, totalTokens: total ?? inputTokens + outputTokens };
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoningTokens !== undefined) mapped.reasoningTokens = reasoningTokens;
  return mapped;
}
