import type { FinishReason } from '@qwen-proxy/contracts';

/** The gateway's finish reason in OpenAI's words. A truncated answer reads as `length`. */
export function toOpenAiFinishReason(reason: FinishReason | undefined, truncated: boolean): string {
  if (truncated) return 'length';
  switch (reason) {
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'length':
      return 'length';
    default:
      return 'stop';
  }
}
