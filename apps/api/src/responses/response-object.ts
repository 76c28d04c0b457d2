import type { FinishReason, GatewayError, TokenUsage } from '@qwen-proxy/contracts';
import type { CreateResponseRequestDto } from './dto/create-response-request.dto';

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: { type: 'url_citation'; url: string; title: string; start_index: number; end_index: number }[];
  logprobs: [];
}

export type OutputItem =
  | { id: string; type: 'message'; status: ItemStatus; role: 'assistant'; content: OutputText[] }
  | { id: string; type: 'reasoning'; summary: { type: 'summary_text'; text: string }[] }
  | { id: string; type: 'function_call'; status: ItemStatus; call_id: string; name: string; namespace?: string; arguments: string };

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';
export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** The `response` object, as `responses.create` answers it and stream events carry it. */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: OutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: Record<string, unknown>;
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: 'disabled';
  usage: ResponseUsage | null;
  user: string | null;
  metadata: Record<string, string>;
}

/** What a response is about, fixed when it starts. */
export interface ResponseIdentity {
  id: string;
  createdAt: number;
  request: CreateResponseRequestDto;
}

export interface ResponseState {
  status: ResponseStatus;
  output: OutputItem[];
  usage?: TokenUsage;
  error?: GatewayError;
  incompleteReason?: 'max_output_tokens' | 'content_filter';
}

/** Ids of output items, derived from the response's, so streaming and reducing name items alike. */
export function itemIdOf(identity: ResponseIdentity, prefix: 'msg' | 'rs' | 'fc', outputIndex: number): string {
  return `${prefix}_${identity.id.replace(/^resp_/, '')}${String(outputIndex).padStart(2, '0')}`;
}

/** How an answer that ended well ends as a response: complete, or incomplete and why. */
export function endStateOf(finishReason: FinishReason | undefined, truncated: boolean): Pick<ResponseState, 'status' | 'incompleteReason'> {
  if (truncated || finishReason === 'length') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (finishReason === 'content-filter') return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed' };
}

export function toResponseObject(identity: ResponseIdentity, state: ResponseState): ResponseObject {
  const request = identity.request;
  return {
    id: identity.id,
    object: 'response',
    created_at: identity.createdAt,
    status: state.status,
    error: state.error ? { code: state.error.code, message: state.error.message } : null,
    incomplete_details: state.incompleteReason ? { reason: state.incompleteReason } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: request.model,
    output: state.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: request.reasoning?.summary ?? null },
    store: request.store ?? true,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: 'disabled',
    usage: state.usage ? toResponseUsage(state.usage) : null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

export function toResponseUsage(usage: TokenUsage): ResponseUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens,
  };
}

export function outputText(text: string): OutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}
