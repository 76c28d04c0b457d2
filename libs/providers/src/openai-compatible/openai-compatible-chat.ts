import { type ChatEvent, type ChatRequest, type FlowControl, parseJsonObjectWith, toGatewayError } from '@qwen-proxy/contracts';
import { bodyKindOf, headerValue } from './internal/response-body';
import { readOpenAiCompletion } from './openai-chunk.schema';
import { chunkOfCompletion } from './openai-completion.mapping';
import { OpenAiCompatibleStreamState, type StreamStateOptions } from './openai-compatible-stream.state';
import { OpenAiEventStreamReader } from './openai-event-stream.reader';
import { type UpstreamIdentity, upstreamHttpError, upstreamInvalidResponseError } from './upstream-error.mapping';
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
  /** Longest SSE line or event accepted from the upstream (see `SseDecoder`). */
  sseMaxLineBytes?: number;
}

/**
 * One chat request on an OpenAI-compatible upstream, from the body sent to the last event.
 * Failures become one `error` event and the run resolves; it never rejects. Nothing is emitted
 * once `signal` is aborted: the consumer is gone.
 */
export class OpenAiCompatibleChat {
  private readonly state: OpenAiCompatibleStreamState;

  constructor(
    private readonly dependencies: OpenAiCompatibleChatDependencies,
    private readonly request: ChatRequest,
    private readonly upstreamModel: string,
    private readonly signal: AbortSignal,
    private readonly emit: (events: ChatEvent[]) => void,
    private readonly flow?: FlowControl,
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
      // Only a timeout or a failing connection lands here (the exchange classifies both).
      this.send(this.state.failWith(toGatewayError(error)));
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
    const reader = new OpenAiEventStreamReader(this.state, this.dependencies.identity, { sseMaxLineBytes: this.dependencies.sseMaxLineBytes });
    try {
      for await (const bytes of exchange.chunks()) {
        this.send(reader.push(bytes));
        if (reader.isEnded) return;
        // The client cannot take more: stop reading, and TCP slows the upstream down.
        const ready = this.flow?.ready;
        if (ready) await ready;
      }
    } catch (error) {
      const failure = toGatewayError(error);
      // A timeout is ours to report as such; a dropped connection is the stream ending early,
      // and what arrived before it is still an answer (delivered as truncated).
      this.send(exchange.expiredTimeout ? this.state.failWith(failure) : reader.end(failure));
      return;
    }
    this.send(reader.end());
  }

  private async readCompletion(exchange: UpstreamExchange): Promise<void> {
    const text = await exchange.text(maximumCompletionBodyBytes);
    const parsed = parseJsonObjectWith(readOpenAiCompletion, text);
    if (!parsed.success) {
      this.send(this.state.failWith(upstreamInvalidResponseError(`a JSON answer that is ${parsed.reason}`, this.dependencies.identity)));
      return;
    }
    this.send([...this.state.push(chunkOfCompletion(parsed.value)), ...this.state.end()]);
  }

  private send(events: ChatEvent[]): void {
    if (this.signal.aborted || events.length === 0) return;
    this.emit(events);
  }
}
