import type { AttemptReport, TokenUsage } from '@qwen-proxy/contracts';

/**
 * One `POST /v1/embeddings` request. The body travels as the client wrote it (OpenAI adds
 * fields, and the upstream is the judge of them); only `model` is replaced by the upstream's name.
 */
export interface EmbeddingRequest {
  model: string;
  body: Record<string, unknown>;
}

/** The upstream's answer, its body untouched, and who gave it. */
export interface EmbeddingAnswer {
  body: Record<string, unknown>;
  /** What the upstream reported: embeddings have input tokens only. */
  usage?: TokenUsage;
  provider: string;
}

export interface EmbeddingOptions {
  signal?: AbortSignal;
  requestId?: string;
  /** Called once per provider tried, in order (router only). */
  onAttempt?: (report: AttemptReport) => void;
}

/**
 * A provider that can embed text. Optional beside `ChatProvider`: the Qwen web chat has no
 * embeddings, so it simply lacks the method and the router skips it. Rejects with a GatewayError.
 */
export interface EmbeddingProvider {
  embed(request: EmbeddingRequest, options?: EmbeddingOptions): Promise<EmbeddingAnswer>;
}

/** Whether a provider answers embeddings. */
export function canEmbed<T extends object>(provider: T): provider is T & EmbeddingProvider {
  return typeof (provider as Partial<EmbeddingProvider>).embed === 'function';
}
