import type { FinishReason } from '@qwen-proxy/contracts';

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal';

/** The gateway's finish reason in Anthropic's words. A truncated answer reads as `max_tokens`. */
export function toAnthropicStopReason(reason: FinishReason | undefined, truncated: boolean): AnthropicStopReason {
  if (truncated) return 'max_tokens';
  switch (reason) {
    case 'tool-calls':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
