/**
 * The words of one conversation turn, read from the request log's bodies (already redacted
 * when they were recorded, and absent when bodies are not kept): the user's last message and
 * the answer. Pure; any surface's request shape (chat messages, Anthropic messages, Responses
 * input, a completion prompt).
 */
export interface TurnText {
  user: string | null;
  answer: string | null;
}

const maxLength = 4_000;

export function turnTextOf(requestBody: unknown, responseBody: unknown): TurnText {
  return { user: clip(lastUserText(requestBody)), answer: clip(answerText(responseBody)) };
}

function lastUserText(body: unknown): string | null {
  if (!isObject(body)) return null;
  if (typeof body['prompt'] === 'string') return body['prompt'];
  if (typeof body['input'] === 'string') return body['input'];
  const messages = Array.isArray(body['messages']) ? body['messages'] : Array.isArray(body['input']) ? body['input'] : [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message: unknown = messages[index];
    if (isObject(message) && message['role'] === 'user') return textOf(message['content']);
  }
  return null;
}

function answerText(body: unknown): string | null {
  if (!isObject(body)) return null;
  return typeof body['content'] === 'string' ? body['content'] : null;
}

function textOf(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts = content.flatMap((part: unknown) => (isObject(part) && typeof part['text'] === 'string' ? [part['text']] : []));
  return parts.length ? parts.join('\n') : null;
}

function clip(text: string | null): string | null {
  if (text === null) return null;
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
