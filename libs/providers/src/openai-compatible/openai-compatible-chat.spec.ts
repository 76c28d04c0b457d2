import { Readable } from 'node:stream';
import { BadGatewayError, type ChatEvent, type ChatRequest, toGatewayError } from '@qwen-proxy/contracts';
import { applyChatEvent, type ChatResult, emptyChatResult } from '../stream/reduce-chat-events';
import { RequestDeadlines } from './internal/request-deadlines';
import type { ResponseHeaders } from './internal/response-body';
import { OpenAiCompatibleChat } from './openai-compatible-chat';
import { type UpstreamCall, UpstreamExchange } from './upstream-transport';

const identity = { providerId: 'vllm', providerName: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1' };

const sseAnswer = [
  'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
  'data: [DONE]\n\n',
];
const jsonAnswer = JSON.stringify({
  id: 'c1',
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

/** An answer as the transport would hand it over, from pieces of body (an Error breaks the body there). */
function exchangeOf(status: number, headers: ResponseHeaders, pieces: (string | Error)[]): UpstreamExchange {
  const body = Readable.from(
    (async function* () {
      for (const piece of pieces) {
        if (piece instanceof Error) throw piece;
        yield Buffer.from(piece);
      }
    })(),
  );
  return new UpstreamExchange(status, headers, body, new RequestDeadlines({ totalMs: 0 }, () => undefined), toGatewayError, () => undefined);
}

async function run(answer: UpstreamExchange | Error, request: Partial<ChatRequest> = {}, signal = new AbortController().signal) {
  const calls: UpstreamCall[] = [];
  const transport = {
    send: async (call: UpstreamCall) => {
      calls.push(call);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const events: ChatEvent[] = [];
  const chatRequest: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true, ...request };
  await new OpenAiCompatibleChat({ transport, identity }, chatRequest, 'upstream-m', signal, (batch) => events.push(...batch)).run();
  return { events, calls, result: events.reduce(applyChatEvent, emptyChatResult()) as ChatResult };
}

describe(OpenAiCompatibleChat.name, () => {
  it('asks for an event stream when streaming, with the first-byte timeout', async () => {
    const { calls } = await run(exchangeOf(200, { 'content-type': 'text/event-stream' }, sseAnswer));
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/chat/completions',
        body: { model: 'upstream-m', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } },
        accept: 'text/event-stream',
        signal: expect.any(AbortSignal),
        firstByteTimeout: true,
      },
    ]);
  });

  it('asks for JSON when not streaming, without the first-byte timeout', async () => {
    const { calls } = await run(exchangeOf(200, { 'content-type': 'application/json' }, [jsonAnswer]), { stream: false });
    expect(calls[0]).toMatchObject({ accept: 'application/json', firstByteTimeout: false, body: { stream: false } });
  });

  it.each([
    ['an event stream to a streaming request', true, 'text/event-stream; charset=utf-8', sseAnswer],
    ['JSON to a streaming request (servers that ignore stream)', true, 'application/json', [jsonAnswer]],
    ['an event stream to a non-streaming request', false, 'text/event-stream', sseAnswer],
    ['JSON to a non-streaming request', false, 'application/json; charset=utf-8', [jsonAnswer]],
    ['an undeclared stream to a streaming request', true, undefined, sseAnswer],
    ['an undeclared body to a non-streaming request', false, undefined, [jsonAnswer]],
  ])('reads %s by what the answer declares', async (_, stream, contentType, body) => {
    const headers: ResponseHeaders = contentType ? { 'content-type': contentType } : {};
    const { result } = await run(exchangeOf(200, headers, body), { stream });
    expect(result).toMatchObject({ text: 'Hi', finishReason: 'stop', truncated: false, upstreamId: 'c1' });
    expect(result.error).toBeUndefined();
  });

  it('is one error event when the transport fails', async () => {
    const failure = new BadGatewayError('refused', { code: 'upstream_unreachable', retryable: true });
    const { events } = await run(failure);
    expect(events).toEqual([{ type: 'error', error: failure }]);
  });

  it('reads an upstream refusal from its body', async () => {
    const { events } = await run(exchangeOf(503, { 'content-type': 'application/json', 'retry-after': '3' }, ['{"error":{"message":"Loading model"}}']));
    expect(events).toEqual([
      { type: 'error', error: expect.objectContaining({ status: 503, message: 'Loading model', retryAfterSeconds: 3, retryable: true }) },
    ]);
  });

  it('is an invalid answer when a 200 is not JSON', async () => {
    const { events } = await run(exchangeOf(200, { 'content-type': 'application/json' }, ['<html>oops</html>']), { stream: false });
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ status: 502, code: 'upstream_invalid_response' }) }]);
  });

  it('delivers a stream that breaks off as truncated', async () => {
    const broken = new BadGatewayError('socket closed', { code: 'upstream_unreachable', retryable: true });
    const { result } = await run(exchangeOf(200, { 'content-type': 'text/event-stream' }, [sseAnswer[0], broken]));
    expect(result).toMatchObject({ text: 'Hi', truncated: true });
    expect(result.error).toBeUndefined();
  });

  it('emits nothing once the consumer is gone', async () => {
    const controller = new AbortController();
    controller.abort();
    const { events } = await run(exchangeOf(200, { 'content-type': 'text/event-stream' }, sseAnswer), {}, controller.signal);
    expect(events).toEqual([]);
  });
});
