import type { GatewayError } from './errors/gateway-error';

/** Why an answer ended, in the gateway's own words; each surface maps it to its wire value. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter';

/** Token counts of one answer. `estimated` is true when the upstream sent none and we counted. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
  /** Input tokens the upstream served from its prompt cache (OpenAI `prompt_tokens_details.cached_tokens`). */
  cachedInputTokens?: number;
  estimated?: boolean;
  /** The tokenizer that counted an estimate: `qwen3`, `o200k`, or both joined by `+`. */
  estimatedBy?: string;
}

/** A web page the model consulted (search phases); surfaces expose it as a citation. */
export interface SourceReference {
  url: string;
  title?: string;
  snippet?: string;
  /** The `n` of the `[[n]]` markers that cite this page in the answer text (Qwen search v2). */
  citationNumber?: number;
}

/**
 * The one stream every provider produces and every surface consumes. Names are noun-then-verb
 * (`text-delta`, not `delta-text`) after the Vercel AI SDK's stream parts. A well-formed stream is
 * `response-start`, any number of deltas/sources/usage, then exactly one `finish` or `error`.
 */
export type ChatEvent =
  | {
      type: 'response-start';
      /** The upstream's own id of the answer, when it has one. */
      upstreamId?: string;
      model: string;
      provider: string;
      /** Which account of a provider answered (Qwen web: the credential's id). */
      account?: string;
      /** The conversation (session) this answer belongs to, when the provider keeps one. */
      sessionId?: string;
    }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number }
  | { type: 'source'; source: SourceReference }
  | { type: 'usage'; usage: TokenUsage }
  | {
      type: 'finish';
      reason: FinishReason;
      /** The upstream closed before saying it was done: what arrived is delivered anyway. */
      truncated: boolean;
    }
  | { type: 'error'; error: GatewayError };

export type ChatEventType = ChatEvent['type'];
export type ChatEventOf<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;
