import { type ChatEvent, type ChatRequest, type GatewayError, toGatewayError } from '@qwen-proxy/contracts';
import { parseJsonWith } from './internal/lenient-schema';
import { bodyKindOf, headerValue } from './internal/response-body';
import { type SseMessage, SseDecoder } from './internal/sse-decoder';
import { openAiChunkSchema, openAiCompletionSchema, openAiErrorSchema } from './openai-chunk.schema';
import { chunkOfCompletion } from './openai-completion.mapping';
import { OpenAiCompatibleStreamState, type StreamStateOptions } from './openai-compatible-stream.state';
import {
  type UpstreamIdentity,
  upstreamHttpError,
  upstreamInvalidResponseError,
  upstreamStreamError,
} from './upstream-error.mapping';
import { upstreamBodyOf } from './upstream-request.mapping';
import type { UpstreamExchange, UpstreamTransport } from './upstream-transport';

/** Enough for any error page worth reading. */
const maximumErrorBodyBytes = 64 * 1024;
/** A non-streamed answer with logprobs and `n` choices can be large; a runaway one is not kept whole. */
const maximumCompletionBodyBytes = 32 * 1024 * 1024;

export interface OpenAiCompatibleChatDependencies {
  transport: Pick<UpstreamTransport, 'send'>;
  identity: UpstreamIdentity;
  estimateUsage?: StreamStateOptions['estimateUsage'];
}

/**
 * One chat request on an OpenAI-compatible upstream, from the body sent to the last event.
 * Failures become one `error` event and the run resolves; it never rejects. Nothing is emitted
 * once `signal` is aborted: the consumer is gone.
 */
export class OpenAiCompatibleChat {
  private readonly state: OpenAiCompatibleStreamState;
  /** Chunks that were not JSON objects: skipped, and named if the answer then fails. */
  private unreadableChunks = 0;
  private firstUnreadableReason?: string;

  constructor(
    private readonly dependencies: OpenAiCompatibleChatDependencies,
    private readonly request: ChatRequest,
    private readonly upstreamModel: string,
    private readonly signal: AbortSignal,
    private readonly emit: (events: ChatEvent[]) => void,
  ) {
    this.state = new OpenAiCompatibleStreamState({
      identity: dependencies.identity,
      model: upstreamModel,
      estimateUsage: dependencies.estimateUsage,
    });
  }

  async run(): Promise<void> {
    let exchange: UpstreamExchange;
    try {
      exchange = await this.dependencies.transport.send({
        method: 'POST',
        path: '/chat/completions',
        body: upstreamBodyOf(this.request, this.upstreamModel),
        accept: this.request.stream ? 'text/event-stream' : 'application/json',
        signal: this.signal,
        firstByteTimeout: this.request.stream,
      });
    } catch (error) {
      this.send(this.state.failWith(toGatewayError(error)));
      return;
    }
    try {
      await this.read(exchange);
    } catch (error) {
      const gatewayError = toGatewayError(error);
      // A timeout is ours to report; a dropped connection is the stream ending early.
      this.send(exchange.expiredTimeout ? this.state.failWith(gatewayError) : this.state.end(this.interruption() ?? gatewayError));
    } finally {
      exchange.close();
    }
  }

  private async read(exchange: UpstreamExchange): Promise<void> {
    const { identity } = this.dependencies;
    if (exchange.status < 200 || exchange.status >= 300) {
      const bodyText = await exchange.text(maximumErrorBodyBytes);
      this.send(this.state.failWith(upstreamHttpError({ status: exchange.status, headers: exchange.headers, bodyText }, identity)));
      return;
    }
    // The answer's declared type decides how to read it, not what was asked: some servers
    // answer a streaming request with one JSON body, and the reverse.
    const kind = bodyKindOf(exchange.headers);
    if (kind === 'event-stream' || (kind === 'undeclared' && this.request.stream)) {
      await this.readEventStream(exchange);
    } else if (kind === 'json' || kind === 'undeclared') {
      await this.readCompletion(exchange);
    } else {
      const contentType = headerValue(exchange.headers, 'content-type');
      this.send(this.state.failWith(upstreamInvalidResponseError(`HTTP ${exchange.status} with content-type "${contentType}"`, identity)));
    }
  }

  private async readEventStream(exchange: UpstreamExchange): Promise<void> {
    const decoder = new SseDecoder();
    for await (const bytes of exchange.chunks()) {
      this.readMessages(decoder.push(bytes));
      if (this.state.isEnded) return;
    }
    this.readMessages(decoder.end());
    this.send(this.state.end(this.interruption()));
  }

  private readMessages(messages: SseMessage[]): void {
    for (const message of messages) {
      if (this.state.isEnded) return;
      const data = message.data.trim();
      if (data === '[DONE]') {
        this.send(this.state.end(this.interruption()));
      } else if (message.event === 'error') {
        this.readErrorEvent(data);
      } else if (data !== '') {
        const parsed = parseJsonWith(openAiChunkSchema, data);
        if (parsed.success) this.send(this.state.push(parsed.value));
        else this.noteUnreadable(parsed.reason);
      }
    }
  }

  /** `event: error` (some relays): its data is an error object, or just a message. */
  private readErrorEvent(data: string): void {
    const asChunk = parseJsonWith(openAiChunkSchema, data);
    const asError = parseJsonWith(openAiErrorSchema, data);
    const error =
      asChunk.success && asChunk.value.error
        ? asChunk.value.error
        : asError.success
          ? asError.value
          : openAiErrorSchema.parse(data || 'The upstream sent an error event.');
    this.send(this.state.failWith(upstreamStreamError(error, this.dependencies.identity)));
  }

  private async readCompletion(exchange: UpstreamExchange): Promise<void> {
    const text = await exchange.text(maximumCompletionBodyBytes);
    const parsed = parseJsonWith(openAiCompletionSchema, text);
    if (!parsed.success) {
      this.send(this.state.failWith(upstreamInvalidResponseError(`a JSON answer that is ${parsed.reason}`, this.dependencies.identity)));
      return;
    }
    this.send(this.state.push(chunkOfCompletion(parsed.value)));
    this.send(this.state.end());
  }

  private noteUnreadable(reason: string): void {
    this.unreadableChunks += 1;
    this.firstUnreadableReason ??= reason;
  }

  /** Why a stream that brought nothing failed, when it brought only chunks we could not read. */
  private interruption(): GatewayError | undefined {
    if (this.unreadableChunks === 0) return undefined;
    return upstreamInvalidResponseError(
      `${this.unreadableChunks} stream chunk(s) that are ${this.firstUnreadableReason ?? 'unreadable'}`,
      this.dependencies.identity,
    );
  }

  private send(events: ChatEvent[]): void {
    if (this.signal.aborted || events.length === 0) return;
    this.emit(events);
  }
}
