import { textOf } from '@qwen-proxy/contracts';
import { estimateTextTokens, type TokenCounter } from '@qwen-proxy/providers';
import type { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import { toChatMessages, toToolDefinitions } from './anthropic-request.mapping';

/** Role markers and separators of each message, as chat templates add them. */
const tokensPerMessage = 4;
/** Anthropic bills an image by its pixels (at most about 1,600 tokens); the size is not known here. */
const tokensPerAttachment = 1_600;

/**
 * The input tokens a Messages request would use: a real tokenizer (o200k, as the usage
 * estimate) over the system prompt, the messages, the tool calls and results, and the tool
 * definitions. Qwen's own tokenizer is not published for JavaScript; this lands close. All
 * texts go to the counter at once, so a long request is counted off the event loop.
 */
export async function countInputTokens(body: Pick<CountTokensRequestDto, 'system' | 'messages' | 'tools'>, counter: Pick<TokenCounter, 'countAll'>): Promise<number> {
  const messages = toChatMessages(body);
  const texts: string[] = [];
  let fixed = 0;
  for (const message of messages) {
    fixed += tokensPerMessage;
    texts.push(textOf(message));
    if (Array.isArray(message.content)) fixed += message.content.filter((part) => part.type !== 'text').length * tokensPerAttachment;
    for (const call of message.toolCalls ?? []) texts.push(call.name, call.arguments);
  }
  const tools = toToolDefinitions(body.tools);
  if (tools) texts.push(JSON.stringify(tools));
  return fixed + (await counter.countAll(texts));
}

/** For a message's usage, which must not fail the answer: a text too long or slow to count is sampled. */
export function estimateInputTokens(body: Pick<CountTokensRequestDto, 'system' | 'messages' | 'tools'>, counter: Pick<TokenCounter, 'countAll'>): Promise<number> {
  return countInputTokens(body, counter).catch(() => estimateTextTokens(toChatMessages(body).map((message) => textOf(message)).join('\n')));
}
