import { BadRequestError, type ChatMessage, type ChatRequest, type ContentPart, type ToolCall, type ToolChoice, type ToolDefinition } from '@qwen-proxy/contracts';
import type { AnthropicMessageDto, AnthropicThinkingDto, AnthropicToolChoiceDto, AnthropicToolDto, CountTokensRequestDto } from './dto/count-tokens-request.dto';
import type { MessagesRequestDto } from './dto/messages-request.dto';

type Block = Record<string, unknown>;

/** An Anthropic Messages request in the gateway's neutral terms, for the Qwen model `model`. */
export function toChatRequest(body: MessagesRequestDto, options: { model: string; sessionKey?: string }): ChatRequest {
  return {
    model: options.model,
    messages: toChatMessages(body),
    stream: body.stream === true,
    maxOutputTokens: body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: body.stop_sequences?.length ? body.stop_sequences : undefined,
    tools: toToolDefinitions(body.tools),
    toolChoice: toToolChoice(body.tool_choice),
    reasoning: toReasoning(body.thinking),
    webSearch: body.tools?.some(isWebSearchTool) || undefined,
    sessionKey: options.sessionKey?.trim() || undefined,
    // No `original`: it would be passed through to OpenAI-compatible upstreams as a Chat
    // Completions body, which an Anthropic body is not.
  };
}

/**
 * `system` first, then each message; a user turn's tool results become `tool` messages, and a
 * system message stays where it stands (providers fold it into the instructions).
 */
export function toChatMessages(body: Pick<CountTokensRequestDto, 'system' | 'messages'>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const system = systemTextOf(body.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const message of body.messages) messages.push(...fromMessage(message));
  return messages;
}

function fromMessage(message: AnthropicMessageDto): ChatMessage[] {
  switch (message.role) {
    case 'user':
      return fromUserMessage(message);
    case 'assistant':
      return fromAssistantMessage(message);
    case 'system': {
      const text = systemTextOf(message.content);
      return text ? [{ role: 'system', content: text }] : [];
    }
  }
}

/**
 * Client tools (no type, or `custom`) go into the prompt; `web_search_…` turns on Qwen's own
 * search. Any other typed tool is one Anthropic runs or defines (code execution, web fetch,
 * computer use, bash, text editor, memory, tool search, MCP toolsets): the Qwen web chat has
 * none of them, so the request is declined in Anthropic's shape rather than answered without it.
 */
export function toToolDefinitions(tools: AnthropicToolDto[] | undefined): ToolDefinition[] | undefined {
  tools?.forEach((tool, index) => {
    if (tool.type === undefined || tool.type === 'custom' || isWebSearchTool(tool)) return;
    throw new BadRequestError(
      `tools.${index}: the tool type "${tool.type}" (${tool.name}) is not supported here: the Qwen web chat has no such tool. Client tools (with input_schema) and web_search are.`,
      { code: 'invalid_request', param: `tools.${index}.type` },
    );
  });
  const definitions = tools
    ?.filter((tool) => tool.input_schema !== undefined && (tool.type === undefined || tool.type === 'custom'))
    .map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.input_schema }));
  return definitions?.length ? definitions : undefined;
}

function isWebSearchTool(tool: AnthropicToolDto): boolean {
  return tool.type?.startsWith('web_search') ?? false;
}

function toToolChoice(choice: AnthropicToolChoiceDto | undefined): ToolChoice | undefined {
  if (!choice) return undefined;
  switch (choice.type) {
    case 'any':
      return 'required';
    case 'tool':
      return choice.name ? { name: choice.name } : 'required';
    default:
      return choice.type;
  }
}

function toReasoning(thinking: AnthropicThinkingDto | undefined): ChatRequest['reasoning'] {
  if (!thinking) return undefined;
  return thinking.type === 'disabled' ? { enabled: false } : { enabled: true, budgetTokens: thinking.budget_tokens };
}

function systemTextOf(system: CountTokensRequestDto['system']): string {
  if (system === undefined) return '';
  if (typeof system === 'string') return system;
  return system
    .filter((block) => block['type'] === 'text')
    .map((block) => String(block['text']))
    .join('\n\n');
}

function blocksOf(content: AnthropicMessageDto['content']): Block[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** Tool results come first (Anthropic requires it), as one `tool` message each; the rest stays the user's. */
function fromUserMessage(message: AnthropicMessageDto): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];
  const messages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  for (const block of message.content) {
    if (block['type'] === 'tool_result') messages.push(toToolMessage(block));
    else parts.push(...toContentParts(block));
  }
  if (parts.length) messages.push({ role: 'user', content: collapse(parts) });
  return messages;
}

function toToolMessage(block: Block): ChatMessage {
  const content = block['content'];
  const parts = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : Array.isArray(content) ? (content as Block[]).flatMap(toContentParts) : [];
  const collapsed = collapse(parts);
  const text = block['is_error'] === true && typeof collapsed === 'string' ? `Error: ${collapsed}` : collapsed;
  return { role: 'tool', content: text, toolCallId: String(block['tool_use_id']) };
}

/** Thinking blocks are the model's own scratch work: not part of the history sent on. */
function fromAssistantMessage(message: AnthropicMessageDto): ChatMessage[] {
  const parts: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of blocksOf(message.content)) {
    if (block['type'] === 'tool_use') {
      toolCalls.push({ id: String(block['id']), name: String(block['name']), arguments: JSON.stringify(block['input'] ?? {}) });
    } else if (block['type'] === 'text') {
      parts.push({ type: 'text', text: String(block['text']) });
    }
  }
  const content = parts.length ? collapse(parts) : null;
  return [{ role: 'assistant', content, ...(toolCalls.length ? { toolCalls } : {}) }];
}

function toContentParts(block: Block): ContentPart[] {
  switch (block['type']) {
    case 'text':
      return [{ type: 'text', text: String(block['text']) }];
    case 'image': {
      const url = sourceUrl(block['source'] as Block);
      return url ? [{ type: 'image', url }] : [];
    }
    case 'document': {
      const source = block['source'] as Block;
      if (source['type'] === 'text') return [{ type: 'text', text: String(source['data'] ?? '') }];
      // A `content` source is the document as blocks (text, images) of its own.
      if (source['type'] === 'content') return typeof source['content'] === 'string' ? [{ type: 'text', text: source['content'] }] : Array.isArray(source['content']) ? (source['content'] as Block[]).flatMap(toContentParts) : [];
      const url = sourceUrl(source);
      const mediaType = typeof source['media_type'] === 'string' ? source['media_type'] : undefined;
      const filename = typeof block['title'] === 'string' ? block['title'] : undefined;
      if (source['type'] === 'url') return url ? [{ type: 'file', url, mediaType, filename }] : [];
      return url ? [{ type: 'file', data: url, mediaType, filename }] : [];
    }
    default:
      return [];
  }
}

/** A base64 source as a data URL, a URL source as it is. */
function sourceUrl(source: Block): string | undefined {
  if (source['type'] === 'base64' && typeof source['data'] === 'string') return `data:${String(source['media_type'] ?? 'application/octet-stream')};base64,${source['data']}`;
  if (source['type'] === 'url' && typeof source['url'] === 'string') return source['url'];
  return undefined;
}

/**
 * Text-only content as one string: the conversation key hashes the text either way, but a plain
 * string is what every upstream takes.
 */
function collapse(parts: ContentPart[]): string | ContentPart[] {
  if (parts.every((part) => part.type === 'text')) return parts.map((part) => (part as { text: string }).text).join('\n');
  return parts;
}
