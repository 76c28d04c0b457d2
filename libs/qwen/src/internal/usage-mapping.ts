import type { TokenUsage } from '@qwen-proxy/contracts';
import type { QwenUsage } from './frame-schemas';

/** Qwen's usage in the gateway's terms; undefined when the frame carried no count at all. */
export function toTokenUsage(usage: QwenUsage): TokenUsage | undefined {
  const inputTokens = usage.input_tokens ?? undefined;
  const outputTokens = usage.output_tokens ?? undefined;
  const totalTokens = usage.total_tokens ?? undefined;
  if (inputTokens === undefined && outputTokens === undefined && totalTokens === undefined) return undefined;
  const reasoningTokens = usage.output_tokens_details?.reasoning_tokens ?? undefined;
  const cachedInputTokens = usage.prompt_tokens_details?.cached_tokens ?? undefined;
  return {
    inputTokens: inputTokens ?? 0,
    outputTokens: outputTokens ?? 0,
    totalTokens: totalTokens ?? (inputTokens ?? 0) + (outputTokens ?? 0),
    ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
    ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
  };
}
