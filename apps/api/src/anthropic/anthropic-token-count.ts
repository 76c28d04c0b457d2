import { type ChatMessage, textOf } from '@qwen-proxy/contracts';
import { countTextTokens } from '@qwen-proxy/providers';
import type { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import { toChatMessages, toToolDefinitions } from './anthropic-request.mapping';

/** Role markers and separators of each message, as chat templates add them. */
const tokensPerMessage = 4;
/** Anthropic bills an image by its pixels (at most about 1,600 tokens); the size is not known here. */
const tokensPerAttachment = 1_600;

/**
 * The input tokens a Messages request would use: a real tokenizer (o200k, as the usage
 * estimate) over the system prompt, the messages, the tool calls and results, and the tool
 * definitions. Qwen's own tokenizer is not published for JavaScript; this lands close.
 */
export function countInputTokens(body: Pick<CountTokensRequestDto, 'system' | 'messages' | 'tools'>): number {
  const messages = toChatMessages(body);
  let total = messages.reduce((sum, message) => sum + tokensOfMessage(message), 0);
  const tools = toToolDefinitions(body.tools);
  if (tools) total += countTextTokens(JSON.stringify(tools));
  return total;
}

function tokensOfMessage(message: ChatMessage): number {
  let total = tokensPerMessage + countTextTokens(textOf(message));
  if (Array.isArray(message.content)) total += message.content.filter((part) => part.type !== 'text').length * tokensPerAttachment;
  for (const call of message.toolCalls ?? []) total += countTextTokens(call.name) + countTextTokens(call.arguments);
  return total;
}
