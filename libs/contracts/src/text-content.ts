import type { ChatMessage } from './chat-request';

/** The text of a message, its text parts joined; non-text parts are left to the provider. */
export function textOf(message: Pick<ChatMessage, 'content'>): string {
  const { content } = message;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .filter((part): part is { type: 'text'; text: string } => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}
