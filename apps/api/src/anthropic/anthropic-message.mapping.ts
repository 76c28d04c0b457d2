import type { ChatResult } from '@qwen-proxy/providers';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-event.mapping';
import { toAnthropicStopReason } from './anthropic-stop-reason';
import { toAnthropicUsage } from './anthropic-usage';
import { thinkingSignatureOf } from './thinking-signature';
import { toolInputOf } from './tool-input';

/** A reduced answer as an Anthropic `message`: thinking, then text, then tool_use blocks. */
export function toAnthropicMessage(result: ChatResult, options: { id: string; model: string; inputTokens: number }): AnthropicMessage {
  const content: AnthropicContentBlock[] = [];
  if (result.reasoning) content.push({ type: 'thinking', thinking: result.reasoning, signature: thinkingSignatureOf(result.reasoning) });
  if (result.text) content.push({ type: 'text', text: result.text });
  for (const call of result.toolCalls.filter(Boolean)) content.push({ type: 'tool_use', id: call.id, name: call.name, input: toolInputOf(call.arguments) });
  return {
    id: options.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: toAnthropicStopReason(result.finishReason, result.truncated),
    stop_sequence: null,
    usage: toAnthropicUsage(result.usage, options.inputTokens),
  };
}
