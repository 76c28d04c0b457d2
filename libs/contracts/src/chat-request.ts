import type { TraceContext } from './tracing/gen-ai-span';
import type { FlowControl } from './flow-control';
/** One part of a message's content, provider-neutral. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; url: string; detail?: string }
  | { type: 'file'; data?: string; url?: string; filename?: string; mediaType?: string };

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as the model produced it. */
  arguments: string;
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[] | null;
  name?: string;
  toolCalls?: ToolCall[];
  toolCallId?: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
}

export type ToolChoice = 'none' | 'auto' | 'required' | { name: string };

/** What a surface asks a provider for, after its own wire format is parsed and validated. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Thinking switch and budget; undefined leaves the model's default. */
  reasoning?: { enabled: boolean; budgetTokens?: number };
  webSearch?: boolean;
  /**
   * Draw instead of answer (`/v1/images/generations`): the Qwen web provider opens a `t2i` chat
   * with this aspect ratio (`"1:1"`, `"16:9"`, …) and the answer's text is the images' markdown.
   */
  imageGeneration?: { aspectRatio: string };
  /**
   * A client's conversation hint (`x-session-id`, a coding agent's session header, or the `user`
   * field). It names a conversation but never overrides the history: it only continues a chat
   * whose history matches.
   */
  sessionKey?: string;
  /** Who sends the request (the API key's id; unset in open mode): conversations never cross scopes. */
  clientScope?: string;
  /** The original body, for providers that pass requests through unchanged. */
  original?: Record<string, unknown>;
}

/** One try of a request on one provider, as the router reports it for the request log. */
export interface AttemptReport {
  provider: string;
  model: string;
  durationMs: number;
  /** Why this attempt was given up; absent on the attempt that answered. */
  error?: { status: number; code: string; message: string };
}

/**
 * Something an upstream sent that its parser does not know (a frame, a phase, an error code),
 * kept for diagnosis: `kind` is one of three (a metrics label), `name` a short display name,
 * `sample` the bytes, redacted and at most 2 KB.
 */
export interface UnknownUpstreamShape {
  kind: 'frame' | 'phase' | 'error';
  name: string;
  sample: string;
}

/** Cancellation and tracing handed to a provider with each request. */
export interface ChatOptions {
  signal?: AbortSignal;
  requestId?: string;
  /** Called once per provider tried, in order (router only). */
  onAttempt?: (report: AttemptReport) => void;
  /**
   * Called for each upstream shape the provider's parser did not know (Qwen web: at most five per
   * attempt). A side channel rather than a ChatEvent: it changes nothing in the answer, so the
   * surfaces and reducers need not know it.
   */
  onUnknownShape?: (shape: UnknownUpstreamShape) => void;
  /** Paused while the client cannot take more; providers stop reading upstream meanwhile. */
  flow?: FlowControl;
  /** The span this request's provider work is traced under (no-op when tracing is off). */
  traceContext?: TraceContext;
}
