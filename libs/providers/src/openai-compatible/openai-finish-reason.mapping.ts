import type { FinishReason } from '@qwen-proxy/contracts';

/**
 * An upstream's `finish_reason` in the gateway's words. Servers beyond OpenAI add their own
 * (`eos`, `max_tokens`…); an unknown reason means the model stopped on its own. `error` never
 * reaches here: it is an error, not a way to finish.
 */
export function mapOpenAiFinishReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'length':
    case 'max_tokens':
    case 'model_length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'stop';
  }
}
