import type { ChatEvent, GatewayError } from '@qwen-proxy/contracts';
import type { StreamEncoder } from '../common/event-stream-writer';
import { type ChunkMapperOptions, OpenAiChunkMapper } from './openai-chunk.mapping';
import { toOpenAiErrorBody } from './openai-error.mapping';

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** OpenAI's SSE framing: one chunk per `data:` line, `data: [DONE]` at the end. */
export class OpenAiStreamEncoder implements StreamEncoder {
  private readonly mapper: OpenAiChunkMapper;

  constructor(options: ChunkMapperOptions) {
    this.mapper = new OpenAiChunkMapper(options);
  }

  encode(event: ChatEvent): string[] {
    return this.mapper.map(event).map(frame);
  }

  end(): string[] {
    return [...this.mapper.end().map(frame), 'data: [DONE]\n\n'];
  }

  error(error: GatewayError): string {
    // The openai SDKs raise an APIError for a `data:` frame with an `error` field.
    return frame(toOpenAiErrorBody(error));
  }
}
