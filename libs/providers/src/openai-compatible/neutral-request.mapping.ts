import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '@qwen-proxy/contracts';

/**
 * A Chat Completions body built from the neutral request, for requests that did not arrive as
 * one (another surface, or a caller that built the request itself). Only what every
 * OpenAI-compatible server understands: `max_tokens` rather than `max_completion_tokens`, and
 * `system` rather than `developer`, which local servers (Ollama, LM Studio) refuse. Thinking
 * switches have no common wire form, so `reasoning` and `webSearch` are left out.
 */
export function openAiBodyOf(request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages.map(toOpenAiMessage) };
  if (request.maxOutputTokens !== undefined) body['max_tokens'] = request.maxOutputTokens;
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.stop?.length) body['stop'] = request.stop;
  if (request.tools?.length) {
    body['tools'] = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
      },
    }));
  }
  if (request.toolChoice !== undefined) body['tool_choice'] = toOpenAiToolChoice(request.toolChoice);
  return body;
}

function toOpenAiMessage(message: ChatMessage): Record<string, unknown> {
  const openAiMessage: Record<string, unknown> = {
    role: message.role === 'developer' ? 'system' : message.role,
    content: toOpenAiContent(message.content),
  };
  if (message.name) openAiMessage['name'] = message.name;
  if (message.toolCalls?.length) {
    openAiMessage['tool_calls'] = message.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (message.toolCallId) openAiMessage['tool_call_id'] = message.toolCallId;
  return openAiMessage;
}

function toOpenAiContent(content: ChatMessage['content']): unknown {
  if (content === null || typeof content === 'string') return content;
  return content.flatMap((part) => toOpenAiPart(part));
}

function toOpenAiPart(part: ContentPart): Record<string, unknown>[] {
  switch (part.type) {
    case 'text':
      return [{ type: 'text', text: part.text }];
    case 'image':
      return [{ type: 'image_url', image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) } }];
    case 'file':
      // Chat Completions takes files inline only; a file known by URL alone has no wire form.
      if (part.data === undefined) return [];
      return [{ type: 'file', file: { file_data: part.data, ...(part.filename ? { filename: part.filename } : {}) } }];
  }
}

function toOpenAiToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}
