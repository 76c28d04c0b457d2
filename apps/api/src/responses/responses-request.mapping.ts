import type { ChatMessage, ChatRequest, ContentPart, ToolChoice, ToolDefinition } from '@qwen-proxy/contracts';
import type { CreateResponseRequestDto, ResponseReasoningDto, ResponseToolDto } from './dto/create-response-request.dto';
import { functionToolsOf, qualifiedName } from './namespace-tools';

type Item = Record<string, unknown>;

const thinkingBudgets = { low: 1024, medium: 8192, high: 32768 } as const;

/**
 * A Responses API request in the gateway's neutral terms. `history` is what a
 * `previous_response_id` stands for (its input and output, instructions left out as OpenAI
 * does); this request's instructions go first, so a client that repeats them keeps one history.
 */
export function toChatRequest(body: CreateResponseRequestDto, options: { history?: readonly ChatMessage[]; sessionKey?: string } = {}): ChatRequest {
  return {
    model: body.model,
    messages: [...(body.instructions ? [{ role: 'system' as const, content: body.instructions }] : []), ...(options.history ?? []), ...toInputMessages(body.input)],
    stream: body.stream === true,
    maxOutputTokens: body.max_output_tokens ?? undefined,
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    tools: toToolDefinitions(body.tools),
    toolChoice: toToolChoice(body.tool_choice),
    reasoning: toReasoning(body.reasoning),
    webSearch: body.tools?.some((tool) => tool.type.startsWith('web_search')) || undefined,
    sessionKey: options.sessionKey?.trim() || undefined,
    // No `original`: an OpenAI-compatible upstream gets a Chat Completions body built from this request.
  };
}

/**
 * Input items as messages. Function calls join the assistant message before them (one
 * assistant turn); reasoning items are the model's scratch work and are not sent back.
 */
export function toInputMessages(input: CreateResponseRequestDto['input']): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const messages: ChatMessage[] = [];
  for (const item of input) {
    switch (item['type'] ?? 'message') {
      case 'message':
        messages.push({ role: item['role'] as ChatMessage['role'], content: toContent(item['content'] as string | Item[]) });
        break;
      case 'function_call': {
        const namespace = typeof item['namespace'] === 'string' ? item['namespace'] : undefined;
        const call = { id: String(item['call_id']), name: qualifiedName(String(item['name']), namespace), arguments: String(item['arguments']) };
        const last = messages.at(-1);
        if (last?.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), call];
        else messages.push({ role: 'assistant', content: null, toolCalls: [call] });
        break;
      }
      case 'function_call_output':
        messages.push({ role: 'tool', content: toContent(item['output'] as string | Item[]), toolCallId: String(item['call_id']) });
        break;
      default:
        break;
    }
  }
  return messages;
}

function toContent(content: string | Item[]): ChatMessage['content'] {
  if (typeof content === 'string') return content;
  const parts = content.flatMap((part): ContentPart[] => {
    switch (part['type']) {
      case 'input_text':
      case 'output_text':
      case 'text':
        return [{ type: 'text', text: String(part['text']) }];
      case 'refusal':
        return [{ type: 'text', text: String(part['refusal']) }];
      case 'input_image': {
        const url = part['image_url'];
        return typeof url === 'string' ? [{ type: 'image', url, detail: typeof part['detail'] === 'string' ? part['detail'] : undefined }] : [];
      }
      case 'input_file': {
        const filename = typeof part['filename'] === 'string' ? part['filename'] : undefined;
        if (typeof part['file_data'] === 'string') return [{ type: 'file', data: part['file_data'], filename }];
        if (typeof part['file_url'] === 'string') return [{ type: 'file', url: part['file_url'], filename }];
        return [];
      }
      default:
        return [];
    }
  });
  // Text-only content as one string, the form every upstream takes and the conversation key hashes alike.
  if (parts.every((part) => part.type === 'text')) return parts.map((part) => (part as { text: string }).text).join('\n');
  return parts;
}

function toToolDefinitions(tools: ResponseToolDto[] | undefined): ToolDefinition[] | undefined {
  const definitions = functionToolsOf(tools);
  return definitions.length ? definitions : undefined;
}

function toToolChoice(choice: CreateResponseRequestDto['tool_choice']): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') return choice;
  return choice.type === 'function' && choice.name ? { name: choice.name } : undefined;
}

function toReasoning(reasoning: ResponseReasoningDto | null | undefined): ChatRequest['reasoning'] {
  const effort = reasoning?.effort;
  if (!effort) return undefined;
  if (effort === 'none' || effort === 'minimal') return { enabled: false };
  return { enabled: true, budgetTokens: thinkingBudgets[effort] };
}
