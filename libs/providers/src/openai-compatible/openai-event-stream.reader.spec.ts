import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadGatewayError, type ChatEvent } from '@qwen-proxy/contracts';
import { applyChatEvent, type ChatResult, emptyChatResult } from '../stream/reduce-chat-events';
import { OpenAiCompatibleStreamState } from './openai-compatible-stream.state';
import { OpenAiEventStreamReader } from './openai-event-stream.reader';

const identity = { providerId: 'upstream', providerName: 'Upstream', baseUrl: 'http://127.0.0.1:9/v1' };
const encoder = new TextEncoder();

function readerOf(): OpenAiEventStreamReader {
  return new OpenAiEventStreamReader(new OpenAiCompatibleStreamState({ identity, model: 'asked' }), identity);
}

function read(bytes: Uint8Array, splitPoints: number[] = []): ChatEvent[] {
  const reader = readerOf();
  const events: ChatEvent[] = [];
  let start = 0;
  for (const point of [...splitPoints, bytes.length]) {
    events.push(...reader.push(bytes.subarray(start, point)));
    start = point;
  }
  return [...events, ...reader.end()];
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, 'fixtures', name)));
}

function reduce(events: ChatEvent[]): ChatResult {
  return events.reduce(applyChatEvent, emptyChatResult());
}

/** Every delta in as few events as possible, so that two readings split differently compare equal. */
function merged(events: ChatEvent[]): ChatEvent[] {
  const result: ChatEvent[] = [];
  for (const event of events) {
    const last = result.at(-1);
    if (event.type === 'text-delta' && last?.type === 'text-delta') last.text += event.text;
    else if (event.type === 'reasoning-delta' && last?.type === 'reasoning-delta') last.text += event.text;
    else result.push({ ...event });
  }
  return result;
}

describe(OpenAiEventStreamReader.name, () => {
  describe('replaying the fixtures', () => {
    it('reads OpenRouter reasoning past its processing comments', () => {
      const result = reduce(read(fixture('openrouter-reasoning.sse')));
      expect(result).toMatchObject({
        upstreamId: 'gen-1733-abc',
        model: 'qwen/qwen3-235b-a22b',
        provider: 'upstream',
        reasoning: 'The user greets me in French; answer in French.',
        text: 'Bonjour ! Ça va très bien, merci. 🙂',
        usage: { inputTokens: 14, outputTokens: 21, totalTokens: 35, reasoningTokens: 12 },
        finishReason: 'stop',
        truncated: false,
      });
      expect(result.error).toBeUndefined();
    });

    it("reads DeepSeek's reasoning_content through CRLF and keep-alives", () => {
      expect(reduce(read(fixture('deepseek-reasoning.sse')))).toMatchObject({
        reasoning: '9.11 < 9.9 because 0.11 < 0.90.',
        text: '9.9 is larger.',
        usage: { inputTokens: 13, outputTokens: 22, totalTokens: 35, reasoningTokens: 15 },
        finishReason: 'stop',
      });
    });

    it("reads Ollama's whole-in-one-delta tool call", () => {
      const events = read(fixture('ollama-tool-call.sse'));
      expect(events.map((event) => event.type)).toEqual(['response-start', 'tool-call-start', 'tool-call-delta', 'tool-call-end', 'usage', 'finish']);
      expect(reduce(events)).toMatchObject({
        toolCalls: [{ id: 'call_q4ffb7sb', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }],
        finishReason: 'tool-calls',
        usage: { inputTokens: 160, outputTokens: 24, totalTokens: 184 },
      });
    });

    it("reads Perplexity's repeated citations once each, and ends without [DONE]", () => {
      const result = reduce(read(fixture('perplexity-citations.sse')));
      expect(result.text).toBe('Paris is the capital of France [1].');
      expect(result.sources).toEqual([
        { url: 'https://en.wikipedia.org/wiki/Paris', title: 'Paris - Wikipedia' },
        { url: 'https://www.paris.fr/' },
      ]);
      expect(result).toMatchObject({ finishReason: 'stop', truncated: false, usage: { totalTokens: 15 } });
    });

    it.each(['openrouter-reasoning.sse', 'deepseek-reasoning.sse', 'ollama-tool-call.sse', 'llama-cpp-without-usage.sse', 'perplexity-citations.sse'])(
      'reads %s the same whatever byte it is split at',
      (name) => {
        const bytes = fixture(name);
        const whole = merged(read(bytes));
        for (let point = 1; point < bytes.length; point += 1) {
          const split = merged(read(bytes, [point]));
          if (JSON.stringify(split) !== JSON.stringify(whole)) throw new Error(`split at ${point}: ${JSON.stringify(split)}`);
        }
      },
    );
  });

  it('delivers events as their bytes arrive, not at the end', () => {
    const reader = readerOf();
    expect(reader.push(encoder.encode('data: {"id":"c","choices":[{"delta":{"content":"Hi"}}]}\n'))).toEqual([]);
    expect(reader.push(encoder.encode('\n'))).toEqual([
      { type: 'response-start', upstreamId: 'c', model: 'asked', provider: 'upstream' },
      { type: 'text-delta', text: 'Hi' },
    ]);
  });

  it('ends at [DONE] and ignores what follows', () => {
    const reader = readerOf();
    const events = reader.push(encoder.encode('data: {"choices":[{"delta":{"content":"a"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\ndata: {"choices":[{"delta":{"content":"late"}}]}\n\n'));
    expect(events.map((event) => event.type)).toEqual(['response-start', 'text-delta', 'finish']);
    expect(reader.isEnded).toBe(true);
    expect(reader.end()).toEqual([]);
  });

  it('skips an unreadable payload between good ones', () => {
    const events = read(encoder.encode('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: not json\n\ndata: {"choices":[{"delta":{"content":"b"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'));
    expect(reduce(events)).toMatchObject({ text: 'ab', finishReason: 'stop' });
  });

  it('names unreadable payloads when they were all the stream brought', () => {
    const events = read(encoder.encode('data: <html>\n\ndata: [1,2]\n\n'));
    expect(events).toEqual([{ type: 'error', error: expect.any(BadGatewayError) }]);
    const error = (events[0] as { error: BadGatewayError }).error;
    expect(error.code).toBe('upstream_invalid_response');
    expect(error.message).toContain('2 stream payload(s) that are not JSON');
  });

  it('reads an `event: error` as an error, whatever its data', () => {
    for (const data of ['{"error":{"message":"quota","code":"insufficient_quota"}}', '{"message":"quota"}', 'quota']) {
      const events = read(encoder.encode(`event: error\ndata: ${data}\n\n`));
      expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ message: 'quota' }) }]);
    }
  });

  it('delivers what arrived as truncated when the body breaks off, and the cause when nothing did', () => {
    const cause = new BadGatewayError('connection reset', { code: 'upstream_unreachable', retryable: true });
    const partial = readerOf();
    partial.push(encoder.encode('data: {"choices":[{"delta":{"content":"half"}}]}\n\n'));
    expect(partial.end(cause).at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: true });
    expect(readerOf().end(cause)).toEqual([{ type: 'error', error: cause }]);
  });
});

describe(`${OpenAiEventStreamReader.name} with a line cap`, () => {
  it('fails the stream, retryably, on a line that never ends, and stops there', () => {
    const reader = new OpenAiEventStreamReader(new OpenAiCompatibleStreamState({ identity, model: 'asked' }), identity, { sseMaxLineBytes: 16 * 1024 });
    const events: ChatEvent[] = [...reader.push(encoder.encode('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: "'))];
    const endless = new Uint8Array(4096).fill(0x61);
    for (let index = 0; index < 10 && !reader.isEnded; index++) events.push(...reader.push(endless));
    const failure = events.find((event) => event.type === 'error');
    expect(failure).toMatchObject({ error: { status: 502, code: 'upstream_event_too_large', retryable: true } });
    expect(reader.isEnded).toBe(true);
  });
});
