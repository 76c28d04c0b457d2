import type { ChatEvent, GatewayError } from '@qwen-proxy/contracts';
import type { StreamEncoder } from '../common/event-stream-writer';
import { ResponseEventMapper, type ResponseStreamEvent } from './response-event.mapping';
import type { ResponseIdentity, ResponseState } from './response-object';

/** OpenAI names Responses events in the `event:` line too; the stream ends without `[DONE]`. */
const frame = (event: ResponseStreamEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** The Responses API's SSE framing over the pure event mapper. */
export class ResponsesStreamEncoder implements StreamEncoder {
  private readonly mapper: ResponseEventMapper;

  constructor(identity: ResponseIdentity) {
    this.mapper = new ResponseEventMapper(identity);
  }

  encode(event: ChatEvent): string[] {
    return this.mapper.map(event).map(frame);
  }

  end(): string[] {
    return this.mapper.end().map(frame);
  }

  error(error: GatewayError): string {
    return this.mapper.fail(error).map(frame).join('');
  }

  /** The response as streamed, once the stream has ended. */
  snapshot(): ResponseState {
    return this.mapper.snapshot();
  }
}
