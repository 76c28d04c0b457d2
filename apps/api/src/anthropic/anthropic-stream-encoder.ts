import type { ChatEvent, GatewayError } from '@qwen-proxy/contracts';
import type { StreamEncoder } from '../common/event-stream-writer';
import { type AnthropicEventMapperOptions, AnthropicEventMapper, type AnthropicStreamEvent } from './anthropic-event.mapping';
import { toAnthropicErrorBody } from './anthropic-error.mapping';

/** Anthropic names every event twice: in the `event:` line and as the data's `type`. */
const frame = (event: { type: string }) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** Anthropic's SSE framing: named events, no `[DONE]`, `ping` while the model is silent. */
export class AnthropicStreamEncoder implements StreamEncoder {
  private readonly mapper: AnthropicEventMapper;

  constructor(options: AnthropicEventMapperOptions) {
    this.mapper = new AnthropicEventMapper(options);
  }

  encode(event: ChatEvent): string[] {
    return this.mapper.map(event).map(frame);
  }

  end(): string[] {
    return this.mapper.end().map(frame);
  }

  error(error: GatewayError): string {
    // Anthropic's SDKs raise an APIError of the error's type for an `error` event.
    return frame(toAnthropicErrorBody(error));
  }

  keepAlive(): string {
    return frame({ type: 'ping' } satisfies AnthropicStreamEvent);
  }
}
