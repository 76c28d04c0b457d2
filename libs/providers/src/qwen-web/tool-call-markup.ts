/**
 * The markup the model is asked to write for a tool call: a fenced block whose info string is
 * `tool_call`, holding one JSON object. A fence of that exact name at the start of a line does
 * not occur in ordinary answers, HTML or XML, and models write fenced blocks reliably.
 */
export const toolCallOpener = '```tool_call';
export const toolCallCloser = '```';

/** One call as the model should write it (also how earlier calls are shown back to it). */
export function renderToolCallBlock(name: string, argumentsJson: string): string {
  return `${toolCallOpener}\n{"name": ${JSON.stringify(name)}, "arguments": ${argumentsJson}}\n${toolCallCloser}`;
}
