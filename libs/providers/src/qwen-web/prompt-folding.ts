import { type ChatMessage, textOf, type ToolCall } from '@qwen-proxy/contracts';
import { afterToolResults, renderAssistantToolCalls, renderToolResult, repeatedCallNotes, toolCallsById } from './tool-prompt';

// Qwen's web chat takes one user message per turn and has no system or tool field, so system
// prompts, tools and earlier turns are written into the text. The labels are plain so any model
// follows them.

/** What a turn adds around the messages: the tools section, when tools are offered. */
export interface FoldingOptions {
  toolsSection?: string;
}

function isInstruction(message: ChatMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}

function render(message: ChatMessage, callsById: ReadonlyMap<string, ToolCall>): string {
  switch (message.role) {
    case 'system':
    case 'developer':
      return `System: ${textOf(message).trim()}`;
    case 'user':
      return `User: ${textOf(message).trim()}`;
    case 'tool':
      return renderToolResult(message, callsById);
    case 'assistant': {
      const text = textOf(message).trim();
      const calls = message.toolCalls?.length ? renderAssistantToolCalls(message.toolCalls) : '';
      return `Assistant: ${[text, calls].filter(Boolean).join('\n')}`;
    }
  }
}

function renderAll(messages: readonly ChatMessage[], callsById: ReadonlyMap<string, ToolCall>): string {
  return messages.map((message) => render(message, callsById)).join('\n\n');
}

function newTurnText(messages: readonly ChatMessage[], callsById: ReadonlyMap<string, ToolCall>, earlier: readonly ChatMessage[] = []): string {
  // A turn of plain user messages is sent as the user wrote it; anything else keeps its labels.
  if (messages.every((message) => message.role === 'user')) {
    return messages.map((message) => textOf(message).trim()).join('\n\n');
  }
  const parts = messages.map((message) => (message.role === 'user' ? textOf(message).trim() : render(message, callsById)));
  // A call repeated with the same result: say so, or the model may loop on it.
  parts.push(...repeatedCallNotes(earlier, messages, callsById));
  // Results with nothing after them: say what to do with them, or the model may only acknowledge.
  if (messages.at(-1)?.role === 'tool') parts.push(afterToolResults);
  return parts.join('\n\n');
}

/** A folded prompt in its parts: what came before the new turn, and the new turn itself. */
export interface FoldedPrompt {
  /** `[Instructions]` and `[Conversation so far]`; empty when there is neither. */
  context: string;
  /** The tools section, when tools are offered. */
  tools: string;
  /** The new turn's text. */
  current: string;
}

/**
 * The parts of a new Qwen chat's first message: system prompts, the tools, then any earlier
 * turns (a conversation we cannot continue upstream), then the new turn.
 */
export function foldedPromptOf(messages: readonly ChatMessage[], newTurnStart: number, options: FoldingOptions = {}): FoldedPrompt {
  const callsById = toolCallsById(messages);
  const earlier = messages.slice(0, newTurnStart);
  const newTurn = messages.slice(newTurnStart);
  // System messages after the last answer belong to the instructions too, not to the user's words.
  const instructions = [...earlier, ...newTurn]
    .filter(isInstruction)
    .map((message) => textOf(message).trim())
    .filter(Boolean);
  const turns = earlier.filter((message) => !isInstruction(message));
  const current = newTurnText(
    newTurn.filter((message) => !isInstruction(message)),
    callsById,
    earlier,
  );
  const sections: string[] = [];
  if (instructions.length) sections.push(`[Instructions]\n${instructions.join('\n\n')}`);
  if (turns.length) sections.push(`[Conversation so far]\n${renderAll(turns, callsById)}`);
  return { context: sections.join('\n\n'), tools: options.toolsSection ?? '', current };
}

/** The parts joined into one message, as Qwen reads them. */
export function joinFoldedPrompt(prompt: FoldedPrompt): string {
  const [instructions, conversation] = splitContext(prompt.context);
  const sections = [instructions, prompt.tools, conversation].filter(Boolean);
  if (sections.length === 0) return prompt.current;
  return [...sections, `[Current message]\n${prompt.current}`].join('\n\n');
}

/** Instructions come before the tools and the conversation after them, as the web UI would order them. */
function splitContext(context: string): [string, string] {
  const at = context.indexOf('[Conversation so far]\n');
  if (at < 0) return [context, ''];
  return [context.slice(0, at).trim(), context.slice(at)];
}

/**
 * The first message of a new Qwen chat: system prompts, the tools, then any earlier turns (a
 * conversation we cannot continue upstream), then the new turn, so no context is silently lost.
 */
export function foldIntoFirstMessage(messages: readonly ChatMessage[], newTurnStart: number, options: FoldingOptions = {}): string {
  return joinFoldedPrompt(foldedPromptOf(messages, newTurnStart, options));
}

/**
 * The text of a continuation: only what is new since the answer Qwen already holds. The tools
 * are restated each turn: the client may change them, and a long chat lets the model forget.
 */
export function continuationMessage(newTurn: readonly ChatMessage[], history: readonly ChatMessage[] = newTurn, options: FoldingOptions = {}): string {
  return joinFoldedPrompt(continuationPromptOf(newTurn, history, options));
}

/** A continuation in parts (no context: Qwen holds it). */
export function continuationPromptOf(newTurn: readonly ChatMessage[], history: readonly ChatMessage[] = newTurn, options: FoldingOptions = {}): FoldedPrompt {
  // The new turn is the tail of the history: what came before it is where a repeat is looked for.
  const earlier = history === newTurn ? [] : history.slice(0, Math.max(0, history.length - newTurn.length));
  return { context: '', tools: options.toolsSection ?? '', current: newTurnText(newTurn, toolCallsById(history), earlier) };
}
