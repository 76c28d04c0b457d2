import type { ScriptedAnswer } from './scripted-answer';

/**
 * A scripted "model" that uses tools the way a real one would, for coding agents and for the
 * README's offline demo. It reads only what the product put in the prompt: the `[Tools]` section
 * (names and JSON Schemas, as `TOOLS.md` writes them), the user's words and the tool results. It
 * never knows which client is on the other side: it picks a file-writing tool by its schema.
 *
 * - The current message carries tool results → it answers in words, quoting the first result.
 * - The user asks `Create the file <path> with the content "<text>"` and a tool can write it →
 *   one call: a write tool (`path`/`file_path`/`filePath` + `content`), else `apply_patch`, else
 *   a shell tool (`command`/`cmd`).
 * - `[[tool-call]]` in the message (typed by hand) → a call of the first declared tool with
 *   arguments made from its schema.
 * - `Reply with exactly: <word>` → that word.
 * - Otherwise a short plain answer.
 */

/** Typed into a message by hand: call a tool even without a file task. */
export const TOOL_CALL_MAGIC_WORD = '[[tool-call]]';

/** One tool as the `[Tools]` section lists it. */
export interface DeclaredTool {
  name: string;
  schema: JsonSchema;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  description?: string;
}

export interface ToolAgentInput {
  /** The one user message the proxy sent (the folded prompt). */
  content: string;
  /** Earlier user messages of this chat branch, oldest first. */
  earlierContents: readonly string[];
  /** The fake was started in tool-agent mode (every completion is answered by this model). */
  enabled: boolean;
}

/** The answer of the scripted tool-using model, or undefined when it is not asked to answer. */
export function toolAgentAnswer(input: ToolAgentInput): ScriptedAnswer | undefined {
  const magic = [input.content, ...input.earlierContents].some((content) => content.includes(TOOL_CALL_MAGIC_WORD));
  if (!input.enabled && !magic) return undefined;
  return { kind: 'answer', text: answerText(input.content, magic) };
}

function answerText(content: string, magic: boolean): string {
  const current = currentMessageOf(content);
  const result = firstToolResultOf(current);
  if (result !== undefined) return `Done. The tool answered: ${firstLine(result) || '(nothing)'}`;
  const tools = declaredTools(content);
  const task = fileTaskOf(current);
  if (task) {
    const call = fileWritingCall(tools, task);
    if (call) return `I will write ${task.path}.\n${toolCallBlock(call.name, call.arguments)}`;
    return `I cannot write ${task.path}: no tool offered here writes files.`;
  }
  if (magic) return tools[0] ? `Calling ${tools[0].name}.\n${toolCallBlock(tools[0].name, exampleArguments(tools[0].schema))}` : 'There is no tool to call: this request declared none.';
  const reply = /Reply with exactly: (\S+)/.exec(current);
  if (reply) return reply[1]!;
  return 'OK.';
}

/** What follows `[Current message]` (the whole text when the prompt has no sections). */
function currentMessageOf(content: string): string {
  const marker = '[Current message]\n';
  const at = content.lastIndexOf(marker);
  return at === -1 ? content : content.slice(at + marker.length);
}

/** The body of the first `[Tool result …]` block in the message, if there is one. */
function firstToolResultOf(message: string): string | undefined {
  const label = /^\[Tool result[^\n]*\]\n/m.exec(message);
  if (!label) return undefined;
  const body = message.slice(label.index + label[0].length);
  const end = body.search(/\n\n(?:\[Tool result|Use these results)/);
  return end === -1 ? body : body.slice(0, end);
}

/**
 * The tools of the `[Tools]` section: a `- name…` line, its description (possibly several lines,
 * possibly with list items of its own), then `  Arguments schema: {…}`. The name is on the first
 * `- ` line after the previous tool's schema.
 */
export function declaredTools(content: string): DeclaredTool[] {
  const start = content.indexOf('[Tools]\n');
  if (start === -1) return [];
  const end = content.indexOf('\nTo call a tool, write a block', start);
  const lines = content.slice(start, end === -1 ? undefined : end).split('\n');
  const tools: DeclaredTool[] = [];
  let name: string | undefined;
  for (const line of lines) {
    const named = /^- ([A-Za-z0-9_.:-]+?)(?::\s|$)/.exec(line);
    if (named && name === undefined) {
      name = named[1];
      continue;
    }
    const schema = /^ {2}Arguments schema: (\{.*\})$/.exec(line);
    if (schema && name !== undefined) {
      tools.push({ name, schema: parseSchema(schema[1]!) });
      name = undefined;
    }
  }
  return tools;
}

function parseSchema(text: string): JsonSchema {
  try {
    return JSON.parse(text) as JsonSchema;
  } catch {
    return {};
  }
}

interface FileTask {
  path: string;
  text: string;
}

function fileTaskOf(message: string): FileTask | undefined {
  // `opencode run` hands the prompt on JSON-quoted (`"Create … \"text\""`): read it either way.
  const match = /Create the file (\S+) with the content "([^"]*)"/.exec(message.replaceAll('\\"', '"'));
  return match ? { path: match[1]!, text: match[2]! } : undefined;
}

interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

const pathKeys = ['file_path', 'filePath', 'path', 'absolute_path', 'filename'];

/** The client's own way to write a file, found by schema: a write tool, a patch tool, a shell. */
export function fileWritingCall(tools: readonly DeclaredTool[], task: FileTask): PlannedCall | undefined {
  for (const tool of tools) {
    const properties = tool.schema.properties ?? {};
    const pathKey = pathKeys.find((key) => isString(properties[key]));
    if (pathKey && isString(properties['content'])) {
      return { name: tool.name, arguments: { ...requiredDefaults(tool.schema, [pathKey, 'content']), [pathKey]: task.path, content: task.text } };
    }
  }
  const patch = tools.find((tool) => /apply_patch/.test(tool.name));
  const patchKey = patch && Object.keys(patch.schema.properties ?? {}).find((key) => isString(patch.schema.properties![key]));
  if (patch && patchKey) {
    return { name: patch.name, arguments: { [patchKey]: `*** Begin Patch\n*** Add File: ${task.path}\n+${task.text}\n*** End Patch\n` } };
  }
  const script = `printf '%s\\n' '${task.text.replaceAll("'", `'\\''`)}' > '${task.path}'`;
  for (const tool of tools) {
    const properties = tool.schema.properties ?? {};
    const commandKey = ['command', 'cmd'].find((key) => properties[key] !== undefined);
    if (!commandKey) continue;
    const command = properties[commandKey]!;
    const value = typeOf(command) === 'array' ? ['bash', '-lc', script] : script;
    return { name: tool.name, arguments: { ...requiredDefaults(tool.schema, [commandKey]), [commandKey]: value } };
  }
  return undefined;
}

function isString(schema: JsonSchema | undefined): boolean {
  return schema !== undefined && typeOf(schema) === 'string';
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
}

/** Values for the other required properties, so the call is schema-valid. */
function requiredDefaults(schema: JsonSchema, skip: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    if (!skip.includes(key)) values[key] = exampleValue(schema.properties?.[key] ?? {});
  }
  return values;
}

/** Arguments for a tool called by the magic word: every required property with a plain value. */
export function exampleArguments(schema: JsonSchema): Record<string, unknown> {
  return requiredDefaults(schema, []);
}

function exampleValue(schema: JsonSchema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return requiredDefaults(schema, []);
    default:
      return 'example';
  }
}

/** A call in the protocol of TOOLS.md. */
function toolCallBlock(name: string, callArguments: Record<string, unknown>): string {
  return `\`\`\`tool_call\n${JSON.stringify({ name, arguments: callArguments })}\n\`\`\``;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 200);
}
