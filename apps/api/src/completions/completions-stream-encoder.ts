import type { ChatEvent, GatewayError } from '@qwen-proxy/contracts';
import type { StreamEncoder } from '../common/event-stream-writer';
import { toOpenAiErrorBody } from '../openai/openai-error.mapping';
import { TextCompletionChunkMapper, type TextCompletionIdentity } from './text-completion.mapping';

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** OpenAI's SSE framing for legacy completions: one chunk per `data:` line, `data: [DONE]` at the end. */
export class CompletionsStreamEncoder implements StreamEncoder {
  private readonly mapper: TextCompletionChunkMapper;

  constructor(options: TextCompletionIdentity & { includeUsage: boolean }) {
    this.mapper = new TextCompletionChunkMapper(options);
  }

  encode(event: ChatEvent): string[] {
    return this.mapper.map(event).map(frame);
  }

  end(): string[] {
    return [...this.mapper.end().map(frame), 'data: [DONE]\n\n'];
  }

  error(error: GatewayError): string {
    return frame(toOpenAiErrorBody(error));
  }
}
