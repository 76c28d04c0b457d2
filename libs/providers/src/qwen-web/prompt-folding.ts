import { type ChatMessage, textOf } from '@qwen-proxy/contracts';

// Qwen's web chat takes one user message per turn and has no system field, so system prompts
// and earlier turns are written into the text. The labels are plain so any model follows them.

function label(message: ChatMessage): string {
  switch (message.role) {
    case 'system':
    case 'developer':
      return 'System';
    case 'assistant':
      return 'Assistant';
    case 'tool':
      return `Tool result${message.toolCallId ? ` (${message.toolCallId})` : ''}`;
    case 'user':
      return 'User';
  }
}

function render(messages: readonly ChatMessage[]): string {
  return messages
    .map((message) => `${label(message)}: ${textOf(message).trim()}`)
    .join('\n\n');
}

function userText(messages: readonly ChatMessage[]): string {
  // A turn of plain user messages is sent as the user wrote it; anything else keeps its labels.
  if (messages.every((message) => message.role === 'user')) {
    return messages.map((message) => textOf(message).trim()).join('\n\n');
  }
  return render(messages);
}

/**
 * The first message of a new Qwen chat: system prompts, then any earlier turns (a conversation
 * we cannot continue upstream), then the new turn, so no context is silently lost.
 */
export function foldIntoFirstMessage(messages: readonly ChatMessage[], newTurnStart: number): string {
  const earlier = messages.slice(0, newTurnStart);
  const newTurn = messages.slice(newTurnStart);
  const systemPrompts = earlier.filter((message) => message.role === 'system' || message.role === 'developer');
  const turns = earlier.filter((message) => message.role !== 'system' && message.role !== 'developer');
  // System messages after the last answer belong to the instructions too, not to the user's words.
  const newSystem = newTurn.filter((message) => message.role === 'system' || message.role === 'developer');
  const newUser = newTurn.filter((message) => message.role !== 'system' && message.role !== 'developer');
  const instructions = [...systemPrompts, ...newSystem].map((message) => textOf(message).trim()).filter(Boolean);

  const sections: string[] = [];
  if (instructions.length) sections.push(`[Instructions]\n${instructions.join('\n\n')}`);
  if (turns.length) sections.push(`[Conversation so far]\n${render(turns)}`);
  const current = userText(newUser);
  if (sections.length === 0) return current;
  sections.push(`[Current message]\n${current}`);
  return sections.join('\n\n');
}

/** The text of a continuation: only what is new since the answer Qwen already holds. */
export function continuationMessage(newTurn: readonly ChatMessage[]): string {
  return userText(newTurn);
}
