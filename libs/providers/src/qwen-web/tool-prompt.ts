import { type ChatMessage, textOf, type ToolCall, type ToolChoice, type ToolDefinition } from '@qwen-proxy/contracts';
import { renderToolCallBlock, toolCallOpener } from './tool-call-markup';
import type { ToolCallProblem } from './tool-call.validator';

/**
 * The tools a turn offers, as the model reads them. The protocol is described in TOOLS.md; the
 * wording is plain and says exactly how to call, because the web chat has no tool field and the
 * model only follows what it is told.
 */
export function renderToolsSection(tools: readonly ToolDefinition[], choice: Exclude<ToolChoice, 'none'>): string {
  const lines = ['[Tools]', 'You can call the following tools. Each is listed with its name, what it does, and the JSON Schema of its arguments.', ''];
  for (const tool of tools) {
    lines.push(`- ${tool.name}${tool.description ? `: ${tool.description.trim()}` : ''}`);
    lines.push(`  Arguments schema: ${JSON.stringify(tool.parameters ?? { type: 'object', properties: {} })}`);
  }
  const example = tools[0]?.name ?? 'tool_name';
  lines.push(
    '',
    'To call a tool, write a block exactly like this, starting on its own line:',
    renderToolCallBlock(example, '{"argument": "value"}'),
    `The block starts with the line ${toolCallOpener} and ends with a line of three backticks; between them goes one JSON object with "name" (one of the tools above) and "arguments" (a JSON object matching that tool's schema).`,
    'To make several calls at once, write several blocks, one after another. After your calls, stop: the results come back in the next message, each labelled with its call.',
    choiceRule(choice),
  );
  return lines.join('\n');
}

function choiceRule(choice: Exclude<ToolChoice, 'none'>): string {
  if (choice === 'auto') return 'Call a tool only when it helps answer; otherwise answer normally, without any tool_call block.';
  if (choice === 'required') return 'You must call at least one tool in this answer.';
  return `You must call the tool "${choice.name}" in this answer.`;
}

/** The calls an assistant message made, shown back to the model in the markup it writes. */
export function renderAssistantToolCalls(calls: readonly ToolCall[]): string {
  return calls.map((call) => renderToolCallBlock(call.name, argumentsJson(call.arguments))).join('\n');
}

/**
 * A tool result, labelled with the call it answers: its id, tool name and arguments, so that
 * several results of one tool called in parallel are told apart.
 */
export function renderToolResult(message: ChatMessage, callsById: ReadonlyMap<string, ToolCall>): string {
  const call = message.toolCallId ? callsById.get(message.toolCallId) : undefined;
  const label = call
    ? `[Tool result of ${call.name} ${argumentsJson(call.arguments)}, call ${call.id}]`
    : `[Tool result${message.toolCallId ? `, call ${message.toolCallId}` : ''}]`;
  return `${label}\n${textOf(message).trim()}`;
}

/** Every call of a history by its id, to label the results that answer them. */
export function toolCallsById(messages: readonly ChatMessage[]): Map<string, ToolCall> {
  const calls = new Map<string, ToolCall>();
  for (const message of messages) for (const call of message.toolCalls ?? []) calls.set(call.id, call);
  return calls;
}

/** After tool results: what the model does next. */
export const afterToolResults = 'Use these results to continue: answer, or call more tools if you still need them.';

/** The message of a repair turn: what was wrong with the answer, and how to write it right. */
export function renderRepairMessage(problems: readonly ToolCallProblem[], missingCall: ToolChoice | undefined): string {
  const lines: string[] = [];
  if (problems.length) {
    lines.push('Some of your tool calls could not be used:');
    for (const problem of problems) lines.push(`- ${problem.name ? `${problem.name}: ` : ''}${problem.reason}`);
    lines.push('', 'Write the corrected calls again (only those), each in its own block:');
  } else if (missingCall && typeof missingCall === 'object') {
    lines.push(`You must call the tool "${missingCall.name}" now. Write the call in a block:`);
  } else {
    lines.push('You must call at least one tool now. Write the call in a block:');
  }
  lines.push(renderToolCallBlock('tool_name', '{"argument": "value"}'), 'Answer with the tool_call blocks only.');
  return lines.join('\n');
}

/** Arguments as JSON text the model can read; a client's malformed arguments are quoted as text. */
function argumentsJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

/**
 * Calls of the new turn that repeat an earlier call exactly (same tool, same arguments) and got
 * exactly the same result: models loop on such calls. Said to the model in words, once per call.
 */
export function repeatedCallNotes(earlier: readonly ChatMessage[], newTurn: readonly ChatMessage[], callsById: ReadonlyMap<string, ToolCall>): string[] {
  const seen = new Set<string>();
  for (const message of earlier) {
    const key = resultKey(message, callsById);
    if (key) seen.add(key);
  }
  const notes: string[] = [];
  for (const message of newTurn) {
    const key = resultKey(message, callsById);
    const call = message.toolCallId ? callsById.get(message.toolCallId) : undefined;
    if (!key || !call || !seen.has(key)) continue;
    seen.delete(key);
    notes.push(
      `Note: you already called ${call.name} ${argumentsJson(call.arguments)} before and got exactly the same result. Calling it again will not change it: use the result you have, or do something different.`,
    );
  }
  return notes;
}

/** A tool result's identity: the tool, its arguments (key order ignored) and the result text. */
function resultKey(message: ChatMessage, callsById: ReadonlyMap<string, ToolCall>): string | undefined {
  if (message.role !== 'tool' || !message.toolCallId) return undefined;
  const call = callsById.get(message.toolCallId);
  if (!call) return undefined;
  return JSON.stringify([call.name, canonicalArguments(call.arguments), textOf(message).trim()]);
}

function canonicalArguments(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortKeys(item)]),
  );
}
