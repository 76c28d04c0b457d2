import { BadRequestError, type ChatMessage, type ChatRequest, type ContentPart } from '@qwen-proxy/contracts';
import type { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';
import type { ChatMessageDto } from './dto/chat-message.dto';

const thinkingBudgets = { low: 1024, medium: 8192, high: 32768 } as const;

/** An OpenAI chat request in the gateway's neutral terms. */
export function toChatRequest(body: ChatCompletionRequestDto, sessionHeader?: string): ChatRequest {
  if (body.n !== undefined && body.n > 1) {
    throw new BadRequestError('n > 1 is not supported: the Qwen web chat gives one answer per request.', { code: 'unsupported_parameter', param: 'n' });
  }
  return {
    model: body.model,
    messages: body.messages.map(toChatMessage),
    stream: body.stream === true,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: typeof body.stop === 'string' ? [body.stop] : body.stop,
    reasoning: reasoningOf(body),
    webSearch: body.enable_search,
    sessionKey: sessionHeader?.trim() || body.user?.trim() || undefined,
    original: body as unknown as Record<string, unknown>,
  };
}

function reasoningOf(body: ChatCompletionRequestDto): ChatRequest['reasoning'] {
  if (body.enable_thinking !== undefined) return { enabled: body.enable_thinking, budgetTokens: body.thinking_budget };
  if (body.reasoning_effort === 'none' || body.reasoning_effort === 'minimal') return { enabled: false };
  if (body.reasoning_effort) return { enabled: true, budgetTokens: body.thinking_budget ?? thinkingBudgets[body.reasoning_effort] };
  if (body.thinking_budget !== undefined) return { enabled: true, budgetTokens: body.thinking_budget };
  return undefined;
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
