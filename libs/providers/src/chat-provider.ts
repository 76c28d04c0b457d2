import type { Observable } from 'rxjs';
import type { ChatEvent, ChatOptions, ChatRequest } from '@qwen-proxy/contracts';

/** A model a provider can answer with, as shown in `/v1/models`. */
export interface ProviderModel {
  id: string;
  displayName: string;
  description?: string;
  capabilities?: Record<string, boolean>;
  maxContextLength?: number;
  maxOutputLength?: number;
}

/**
 * The one provider contract (after the Vercel AI SDK's `LanguageModel`): a plain interface, not
 * a base class. `chat` is cold: nothing is sent upstream until subscription, and unsubscribing
 * aborts the upstream request. Upstream failures arrive as an `error` event, never as an
 * Observable error, so every consumer handles one stream shape. Non-streaming answers are this
 * same stream reduced (see `reduceChatEvents`).
 */
export interface ChatProvider {
  readonly id: string;
  readonly type: string;
  chat(request: ChatRequest, options?: ChatOptions): Observable<ChatEvent>;
  listModels(signal?: AbortSignal): Promise<ProviderModel[]>;
}
