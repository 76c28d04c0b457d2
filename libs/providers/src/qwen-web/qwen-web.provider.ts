import { Observable } from 'rxjs';
import type { ChatEvent, ChatOptions, ChatRequest } from '@qwen-proxy/contracts';
import type { QwenClient, QwenCredentials } from '@qwen-proxy/qwen';
import type { ChatProvider, ProviderModel } from '../chat-provider';
import { KeyedMutex } from '../internal/keyed-mutex';
import type { QwenAccountSource } from './account-source';
import type { AttachmentPreparer } from './attachment-preparer';
import { applyModelVariant, withLockedThinking } from './model-variant';
import { qwenWebProviderId, QwenTurn } from './qwen-turn';
import type { SessionStore } from './session-store';
import type { TokenCounter } from '../tokenizer/token-counter';
import type { ToolSchemaLimits } from './tool-call.validator';

export interface QwenWebProviderOptions {
  client: Pick<QwenClient, 'createChat' | 'streamCompletion' | 'listModels'>;
  accounts: QwenAccountSource;
  sessions: SessionStore;
  /** Attempts per request across accounts and fresh chats, first try included (default 3). */
  maxAttempts?: number;
  /** Uploads images and files (vision); without it only text reaches Qwen. */
  attachments?: AttachmentPreparer;
  /** Counts usage Qwen did not report, long texts on a worker thread. */
  tokenCounter?: Pick<TokenCounter, 'estimateWithTokenizer'>;
  /** Largest completion body sent as is (default 100 KiB): Qwen answers ~128 KiB with a captcha. */
  maxInlineBodyBytes?: number;
  /** What one tool's JSON Schema may cost (default `defaultToolSchemaLimits`). */
  toolSchemaLimits?: ToolSchemaLimits;
}

/**
 * chat.qwen.ai's web chat as a provider. Qwen keeps history server-side, so this provider maps
 * each client's resent history onto a Qwen chat and sends only what is new (see README).
 */
export class QwenWebProvider implements ChatProvider {
  readonly id = qwenWebProviderId;
  readonly type = qwenWebProviderId;
  private readonly conversationLocks = new KeyedMutex();
  /** Models whose thinking cannot be switched off, as the last model list said. */
  private readonly thinkingLockedModels = new Set<string>();

  constructor(private readonly options: QwenWebProviderOptions) {}

  chat(request: ChatRequest, options: ChatOptions = {}): Observable<ChatEvent> {
    return new Observable<ChatEvent>((subscriber) => {
      const abort = new AbortController();
      options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
      const turn = new QwenTurn(
        { ...this.options, maxAttempts: this.options.maxAttempts ?? 3 },
        // Surfaces that did not resolve a model suffix themselves still get its meaning.
        withLockedThinking(applyModelVariant(request), this.thinkingLockedModels),
        options,
        abort.signal,
        subscriber,
      );
      const key = turn.conversationKey;
      let release: (() => void) | undefined;
      const run = async () => {
        // One conversation's requests run in order, so each continues from the one before.
        if (key) release = await this.conversationLocks.acquire(key);
        if (abort.signal.aborted) return release?.();
        await turn.run();
        release?.();
      };
      void run();
      return () => {
        // Aborting builds a DOMException with a stack: only worth it when the turn still runs.
        if (!turn.hasSettled) abort.abort();
        turn.dispose();
        release?.();
      };
    });
  }

  async listModels(signal?: AbortSignal, credentials?: QwenCredentials): Promise<ProviderModel[]> {
    const models = await this.options.client.listModels(credentials, signal);
    this.thinkingLockedModels.clear();
    for (const model of models) if (model.capabilities.thinkingLocked) this.thinkingLockedModels.add(model.id);
    return models.map((model) => ({
      id: model.id,
      displayName: model.name,
      description: model.description,
      // `imageGeneration`: the model draws in a `t2i` chat (/v1/images/generations).
      capabilities: { ...model.capabilities, imageGeneration: model.chatTypes.includes('t2i') },
      maxContextLength: model.maxContextLength,
      maxOutputLength: model.maxGenerationLength,
    }));
  }
}
