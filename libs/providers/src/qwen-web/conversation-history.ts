import { createHash } from 'node:crypto';
import { type ChatMessage, textOf, type ToolCall } from '@qwen-proxy/contracts';

/**
 * A message reduced to what identifies it in a history: clients resend the same conversation
 * with cosmetic differences (CRLF, trailing spaces, `developer` for `system`), which must not
 * break continuity.
 */
interface NormalizedMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  toolCalls?: { name: string; arguments: string }[];
  toolCallId?: string;
}

function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export function normalizeMessage(message: ChatMessage): NormalizedMessage {
  const normalized: NormalizedMessage = {
    role: message.role === 'developer' ? 'system' : message.role,
    text: normalizeText(textOf(message)),
  };
  if (message.toolCalls?.length) {
    normalized.toolCalls = message.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments }));
  }
  if (message.toolCallId) normalized.toolCallId = message.toolCallId;
  return normalized;
}

/** A stable key of a history: SHA-256 over its normalized messages. */
export function hashHistory(messages: readonly ChatMessage[]): string {
  const hash = createHash('sha256');
  for (const message of messages) hash.update(JSON.stringify(normalizeMessage(message))).update('\n');
  return hash.digest('hex');
}

/** A request's history split at the newest turn. */
export interface TurnSplit {
  /** Everything up to and including the last assistant message. */
  prior: ChatMessage[];
  /** What the client added since: the new user turn (and any tool results). */
  newTurn: ChatMessage[];
  /**
   * The key to look a continuation up by; absent when the history holds no assistant answer,
   * because a history of system prompts only would wrongly join another conversation that
   * began with the same prompt.
   */
  lookupHash?: string;
}

export function splitAtNewTurn(messages: readonly ChatMessage[]): TurnSplit {
  let lastAssistant = -1;
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]!.role === 'assistant') {
      lastAssistant = index;
      break;
    }
  }
  const prior = messages.slice(0, lastAssistant + 1);
  const newTurn = messages.slice(lastAssistant + 1);
  return { prior, newTurn, lookupHash: lastAssistant >= 0 ? hashHistory(prior) : undefined };
}

/**
 * The key a client's next request will look up: the history including our answer, with the
 * tool calls it made (the client resends them with the ids and arguments we gave).
 */
export function hashAfterAnswer(messages: readonly ChatMessage[], answer: string, toolCalls: readonly ToolCall[] = []): string {
  const message: ChatMessage = { role: 'assistant', content: answer };
  if (toolCalls.length) message.toolCalls = [...toolCalls];
  return hashHistory([...messages, message]);
}

/**
 * The system prompt a conversation opens with (its leading system/developer messages), hashed.
 * A session key alone (a client that resends only its new turn) continues a chat only when this
 * matches: an agent's title generator and its coding turns share one session header but not
 * one system prompt, and must not share one chat.
 */
export function openingHash(messages: readonly ChatMessage[]): string {
  const hash = createHash('sha256');
  for (const message of messages) {
    if (message.role !== 'system' && message.role !== 'developer') break;
    hash.update(JSON.stringify(normalizeMessage(message))).update('\n');
  }
  return hash.digest('hex');
}
