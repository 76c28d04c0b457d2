import { BadRequestError, type ChatMessage, type ChatRequest, type ContentPart, type ToolChoice, type ToolDefinition } from '@qwen-proxy/contracts';
import { applyModelVariant } from '@qwen-proxy/providers';
import type { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';
import type { ChatMessageDto } from './dto/chat-message.dto';

const thinkingBudgets = { low: 1024, medium: 8192, high: 32768 } as const;

/**
 * An OpenAI chat request in the gateway's neutral terms. A model suffix (`-thinking`, `-fast`,
 * `-search`) is resolved here into the base model plus switches, so everything after (the model
 * check, the provider) sees a model id Qwen knows.
 */
export function toChatRequest(body: ChatCompletionRequestDto, sessionHeader?: string): ChatRequest {
  if (body.n !== undefined && body.n > 1) {
    throw new BadRequestError('n > 1 is not supported: the Qwen web chat gives one answer per request.', { code: 'unsupported_parameter', param: 'n' });
  }
  const tools = body.tools?.map(toToolDefinition);
  return applyModelVariant({
    model: body.model,
    messages: body.messages.map(toChatMessage),
    stream: body.stream === true,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: typeof body.stop === 'string' ? [body.stop] : body.stop,
    tools,
    toolChoice: toToolChoice(body.tool_choice, tools),
    reasoning: reasoningOf(body),
    webSearch: body.enable_search || body.web_search || (body.web_search_options ? true : undefined),
    sessionKey: sessionHeader?.trim() || body.user?.trim() || undefined,
    original: body as unknown as Record<string, unknown>,
  });
}

function reasoningOf(body: ChatCompletionRequestDto): ChatRequest['reasoning'] {
  if (body.enable_thinking !== undefined) return { enabled: body.enable_thinking, budgetTokens: body.thinking_budget };
  if (body.thinking !== undefined) {
    if (typeof body.thinking === 'boolean') return { enabled: body.thinking, budgetTokens: body.thinking_budget };
    if (body.thinking.type === 'disabled') return { enabled: false };
    return { enabled: true, budgetTokens: body.thinking.budget_tokens ?? body.thinking_budget };
  }
  if (body.reasoning_effort === 'none' || body.reasoning_effort === 'minimal') return { enabled: false };
  if (body.reasoning_effort) return { enabled: true, budgetTokens: body.thinking_budget ?? thinkingBudgets[body.reasoning_effort] };
  if (body.thinking_budget !== undefined) return { enabled: true, budgetTokens: body.thinking_budget };
  return undefined;
}

function toToolDefinition(tool: Record<string, unknown>, index: number): ToolDefinition {
  const definition = tool['function'];
  const name = isRecord(definition) ? definition['name'] : undefined;
  if (tool['type'] !== 'function' || !isRecord(definition) || typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{1,64}$/.test(name)) {
    throw new BadRequestError(
      `tools[${index}] must be {"type": "function", "function": {"name", "description"?, "parameters"?}} with a name of letters, digits, "_", "-" or "." (at most 64).`,
      { code: 'invalid_tool', param: `tools[${index}]` },
    );
  }
  const parameters = definition['parameters'];
  if (parameters !== undefined && !isRecord(parameters)) {
    throw new BadRequestError(`tools[${index}].function.parameters must be a JSON Schema object.`, { code: 'invalid_tool', param: `tools[${index}].function.parameters` });
  }
  const description = definition['description'];
  return {
    name,
    ...(typeof description === 'string' ? { description } : {}),
    ...(parameters ? { parameters } : {}),
  };
}

function toToolChoice(choice: ChatCompletionRequestDto['tool_choice'], tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return choice as Exclude<ToolChoice, { name: string }>;
  const name = String((choice['function'] as { name: string }).name);
  if (!tools?.some((tool) => tool.name === name)) {
    throw new BadRequestError(`tool_choice names the function \`${name}\`, which is not among the declared tools.`, { code: 'invalid_tool_choice', param: 'tool_choice' });
  }
  return { name };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toChatMessage(message: ChatMessageDto): ChatMessage {
  return {
    role: message.role,
    content: toContent(message.content),
    name: message.name,
    toolCalls: message.tool_calls?.map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments })),
    toolCallId: message.tool_call_id,
  };
}

function toContent(content: ChatMessageDto['content']): ChatMessage['content'] {
  if (content === undefined || content === null) return null;
  if (typeof content === 'string') return content;
  return content.flatMap((part): ContentPart[] => {
    switch (part['type']) {
      case 'text':
        return [{ type: 'text', text: String(part['text']) }];
      case 'image_url': {
        const image = part['image_url'];
        const url = typeof image === 'string' ? image : String((image as { url: string }).url);
        const detail = typeof image === 'object' && image !== null ? (image as { detail?: string }).detail : undefined;
        return [{ type: 'image', url, detail }];
      }
      case 'file': {
        const file = (part['file'] ?? {}) as { file_data?: string; filename?: string };
        return [{ type: 'file', data: file.file_data, filename: file.filename }];
      }
      default:
        return [];
    }
  });
}
