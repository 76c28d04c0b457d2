import { Observable } from 'rxjs';
import type { Dispatcher } from 'undici';
import { type ChatEvent, type ChatOptions, type ChatRequest, failSpan, observeChatEvent, SpanKind, startSpan, textOf, toGatewayError } from '@qwen-proxy/contracts';
import type { ChatProvider, ProviderModel } from '../chat-provider';
import type { EmbeddingAnswer, EmbeddingOptions, EmbeddingProvider, EmbeddingRequest } from '../embedding-provider';
import { estimateUsage } from '../usage-estimation';
import { parseJsonWith } from './internal/lenient-schema';
import { OpenAiCompatibleChat } from './openai-compatible-chat';
import { requestEmbeddings } from './openai-compatible-embedding';
import { declaredProviderModels, openAiModelListSchema, toProviderModel } from './openai-models.mapping';
import { type UpstreamIdentity, upstreamHttpError, upstreamInvalidResponseError } from './upstream-error.mapping';
import { type UpstreamTimeouts, UpstreamTransport } from './upstream-transport';

export const openAiCompatibleProviderType = 'openai-compatible';

/** An image answer in base64 (several images of a few MB each). */
const maximumImageAnswerBytes = 64 * 1024 * 1024;

/** OpenAI's `ImagesResponse`, as the upstream wrote it. */
export interface UpstreamImagesAnswer {
  created?: number;
  data: unknown[];
  [field: string]: unknown;
}

/** OpenRouter's model list is over a megabyte. */
const maximumModelListBytes = 16 * 1024 * 1024;

export interface OpenAiCompatibleProviderOptions {
  /** Stable id, reported in `response-start` and error details. */
  id: string;
  /** Shown to people, in messages: "LM Studio did not start answering…". */
  name: string;
  /** Up to and including the version: `http://127.0.0.1:1234/v1`, `https://openrouter.ai/api/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Added to every request, after ours (OpenRouter's `HTTP-Referer`, Azure's `api-key`). */
  headers?: Record<string, string>;
  timeouts: UpstreamTimeouts;
  /** When set, `listModels` answers these without asking the upstream. */
  declaredModels?: string[];
  /** An undici dispatcher (proxy agent, mock); `timeouts.connectMs` then is the dispatcher's business. */
  dispatcher?: Dispatcher;
  /** Longest SSE line or event accepted (default 4 MiB); a longer one fails the stream, retryably. */
  sseMaxLineBytes?: number;
}

/** Per-request options of this provider, beyond the contract's. */
export interface OpenAiCompatibleChatOptions extends ChatOptions {
  /**
   * The upstream's id of the model, when the caller routes an alias (`fast` → `llama3.2:3b`).
   * Defaults to `request.model`. The alias stays what the client sees; this is what is sent.
   */
  upstreamModel?: string;
}

/** What the control plane's "test" button shows. */
export interface ConnectionTestResult {
  ok: boolean;
  latencyMs: number;
  /** How many models the upstream lists, when it answered. */
  models?: number;
  error?: string;
}

/**
 * Any OpenAI-compatible upstream (LM Studio, Ollama, vLLM, OpenRouter, DashScope compatible
 * mode, OpenAI itself) as a provider. Requests that arrived as Chat Completions bodies are
 * passed through as the client wrote them; answers are read chunk by chunk and forwarded as
 * they arrive. A non-streaming request is sent non-streaming, and the upstream's JSON answer
 * becomes the same events a stream would have given.
 */
export class OpenAiCompatibleProvider implements ChatProvider, EmbeddingProvider {
  readonly type = openAiCompatibleProviderType;
  readonly id: string;
  readonly name: string;
  private readonly identity: UpstreamIdentity;
  private readonly transport: UpstreamTransport;

  constructor(private readonly options: OpenAiCompatibleProviderOptions) {
    this.id = options.id;
    this.name = options.name;
    this.identity = { providerId: options.id, providerName: options.name, baseUrl: options.baseUrl };
    this.transport = new UpstreamTransport({
      identity: this.identity,
      apiKey: options.apiKey,
      headers: options.headers,
      timeouts: options.timeouts,
      dispatcher: options.dispatcher,
    });
  }

  chat(request: ChatRequest, options: OpenAiCompatibleChatOptions = {}): Observable<ChatEvent> {
    return new Observable<ChatEvent>((subscriber) => {
      const abort = new AbortController();
      const abortFromCaller = () => abort.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', abortFromCaller, { once: true });
      if (options.signal?.aborted) abort.abort(options.signal.reason);
      let settled = false;
      const upstreamModel = options.upstreamModel ?? request.model;
      // The upstream call, a child of the router's attempt span (a no-op when tracing is off).
      const span = startSpan(
        `chat ${upstreamModel}`,
        options.traceContext,
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': this.id,
          'gen_ai.request.model': upstreamModel,
          'url.full': `${this.identity.baseUrl.replace(/\/+$/, '')}/chat/completions`,
          ...(options.requestId ? { 'qwen_proxy.request_id': options.requestId } : {}),
        },
        SpanKind.CLIENT,
      );
      const chat = new OpenAiCompatibleChat(
        {
          transport: this.transport,
          identity: this.identity,
          estimateUsage: (output) => this.estimate(request, output),
          sseMaxLineBytes: this.options.sseMaxLineBytes,
        },
        request,
        upstreamModel,
        abort.signal,
        (events) =>
          events.forEach((event) => {
            observeChatEvent(span, event);
            subscriber.next(event);
          }),
        options.flow,
      );
      chat
        .run()
        // The run reports every upstream failure as an event; this is for a bug of ours.
        .catch((error: unknown) => {
          const failure = toGatewayError(error);
          failSpan(span, failure);
          subscriber.next({ type: 'error', error: failure });
        })
        .finally(() => {
          settled = true;
          span.end();
          options.signal?.removeEventListener('abort', abortFromCaller);
          subscriber.complete();
        });
      // Aborting builds a DOMException with a stack: only worth it when something is still running.
      return () => {
        if (!settled) abort.abort();
      };
    });
  }

  /** `POST /embeddings` with the client's body; `upstreamModel` as for `chat`. */
  embed(request: EmbeddingRequest, options: EmbeddingOptions & { upstreamModel?: string } = {}): Promise<EmbeddingAnswer> {
    return requestEmbeddings({ transport: this.transport, identity: this.identity }, request, options.upstreamModel ?? request.model, options.signal);
  }

  async listModels(signal?: AbortSignal): Promise<ProviderModel[]> {
    if (this.options.declaredModels) return declaredProviderModels(this.options.declaredModels);
    return this.fetchModels(signal);
  }

  /**
   * `POST /images/generations`, the client's body passed through with the upstream's model id;
   * the upstream's answer as it is. Failures are GatewayErrors (retryable where chat's are).
   */
  async generateImages(body: Record<string, unknown>, upstreamModel: string, signal?: AbortSignal): Promise<UpstreamImagesAnswer> {
    const exchange = await this.transport.send({
      method: 'POST',
      path: '/images/generations',
      body: { ...body, model: upstreamModel },
      accept: 'application/json',
      signal,
      firstByteTimeout: false,
    });
    try {
      const bodyText = await exchange.text(maximumImageAnswerBytes);
      if (exchange.status < 200 || exchange.status >= 300) {
        throw upstreamHttpError({ status: exchange.status, headers: exchange.headers, bodyText }, this.identity);
      }
      let answer: unknown;
      try {
        answer = JSON.parse(bodyText);
      } catch {
        throw upstreamInvalidResponseError('an image answer that is not JSON', this.identity);
      }
      if (typeof answer !== 'object' || answer === null || !Array.isArray((answer as { data?: unknown }).data)) {
        throw upstreamInvalidResponseError('an image answer without a `data` list', this.identity);
      }
      return answer as UpstreamImagesAnswer;
    } finally {
      exchange.close();
    }
  }

  /** A real round trip to `GET /models`, even when models are declared: that is what is tested. */
  async testConnection(signal?: AbortSignal): Promise<ConnectionTestResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const models = await this.fetchModels(signal);
      return { ok: true, latencyMs: latency(), models: models.length };
    } catch (error) {
      return { ok: false, latencyMs: latency(), error: toGatewayError(error).message };
    }
  }

  /** Lets go of the connection pool this provider opened (not of a dispatcher handed in). */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async fetchModels(signal?: AbortSignal): Promise<ProviderModel[]> {
    const exchange = await this.transport.send({ method: 'GET', path: '/models', accept: 'application/json', signal, firstByteTimeout: true });
    try {
      const bodyText = await exchange.text(maximumModelListBytes);
      if (exchange.status < 200 || exchange.status >= 300) {
        throw upstreamHttpError({ status: exchange.status, headers: exchange.headers, bodyText }, this.identity);
      }
      const parsed = parseJsonWith(openAiModelListSchema, bodyText);
      if (!parsed.success) throw upstreamInvalidResponseError(`a model list that is ${parsed.reason}`, this.identity);
      return parsed.value.map(toProviderModel);
    } finally {
      exchange.close();
    }
  }

  /** For upstreams that count no tokens; `estimated` marks the result as ours. */
  private estimate(request: ChatRequest, output: { text: string; reasoning: string }) {
    const prompt = request.messages.map((message) => textOf(message)).join('\n');
    return estimateUsage({ prompt, answer: output.text, reasoning: output.reasoning });
  }
}
