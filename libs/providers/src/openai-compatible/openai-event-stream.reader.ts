import type { ChatEvent, GatewayError } from '@qwen-proxy/contracts';
import { parseJson, parseJsonObjectWith, type SseMessage, SseDecoder, SseEventTooLargeError } from '@qwen-proxy/contracts';
import { readOpenAiChunk, readOpenAiError } from './openai-chunk.schema';
import type { OpenAiCompatibleStreamState } from './openai-compatible-stream.state';
import { type UpstreamIdentity, upstreamInvalidResponseError, upstreamStreamError } from './upstream-error.mapping';

/**
 * The bytes of an OpenAI-compatible event stream in, ChatEvents out: the layers (bytes → SSE
 * messages → validated chunks → events) joined, without any I/O. A payload that is no JSON
 * object is skipped and counted, not fatal; if the stream then brings no answer, the error
 * names it. `[DONE]` ends the stream, whatever follows.
 */
export class OpenAiEventStreamReader {
  private readonly decoder: SseDecoder;
  private unreadablePayloads = 0;
  private firstUnreadableReason?: string;

  constructor(
    private readonly state: OpenAiCompatibleStreamState,
    private readonly identity: UpstreamIdentity,
    options: { sseMaxLineBytes?: number } = {},
  ) {
    this.decoder = new SseDecoder({ maxLineBytes: options.sseMaxLineBytes });
  }

  /** Whether the answer has reached its `finish` or `error`: reading further is pointless. */
  get isEnded(): boolean {
    return this.state.isEnded;
  }

  /** A line or event over the cap fails the stream with `upstream_event_too_large`. */
  push(bytes: Uint8Array): ChatEvent[] {
    let messages: SseMessage[];
    try {
      messages = this.decoder.push(bytes);
    } catch (error) {
      if (error instanceof SseEventTooLargeError) return this.state.failWith(error);
      throw error;
    }
    return this.read(messages);
  }

  /** The body ended, or broke off (`interruption` says how). */
  end(interruption?: GatewayError): ChatEvent[] {
    return [...this.read(this.decoder.end()), ...this.state.end(this.unreadableError() ?? interruption)];
  }

  private read(messages: SseMessage[]): ChatEvent[] {
    const events: ChatEvent[] = [];
    for (const message of messages) {
      if (this.state.isEnded) break;
      const data = message.data.trim();
      if (data === '[DONE]') events.push(...this.state.end(this.unreadableError()));
      else if (message.event === 'error') events.push(...this.state.failWith(this.errorOfEvent(data)));
      else if (data !== '') events.push(...this.readChunk(data));
    }
    return events;
  }

  private readChunk(data: string): ChatEvent[] {
    const parsed = parseJsonObjectWith(readOpenAiChunk, data);
    if (parsed.success) return this.state.push(parsed.value);
    this.unreadablePayloads += 1;
    this.firstUnreadableReason ??= parsed.reason;
    return [];
  }

  /** `event: error` (some relays): its data is an error chunk, an error object, or just a message. */
  private errorOfEvent(data: string): GatewayError {
    const json = parseJson(data);
    const error = json.success ? (readOpenAiChunk(json.value)?.error ?? readOpenAiError(json.value)) : undefined;
    return upstreamStreamError(error ?? { message: data || 'The upstream sent an error event.' }, this.identity);
  }

  /** Why a stream that brought no answer failed, when all it brought were payloads we could not read. */
  private unreadableError(): GatewayError | undefined {
    if (this.unreadablePayloads === 0) return undefined;
    return upstreamInvalidResponseError(`${this.unreadablePayloads} stream payload(s) that are ${this.firstUnreadableReason}`, this.identity);
  }
}
