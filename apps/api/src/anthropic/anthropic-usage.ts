import type { TokenUsage } from '@qwen-proxy/contracts';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * Usage in Anthropic's fields. The input is never less than the whole prompt as counted locally:
 * a continued Qwen chat is sent only its new turn, so the provider may count just that, while
 * Anthropic clients read `input_tokens` as the size of the conversation (Claude Code compacts
 * by it). Nothing here is ever cached upstream.
 */
export function toAnthropicUsage(usage: TokenUsage | undefined, countedInputTokens: number): AnthropicUsage {
  return {
    input_tokens: Math.max(usage?.inputTokens ?? 0, countedInputTokens),
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}
