import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import {
  BadGatewayError,
  type ChatEvent,
  type ChatRequest,
  type GatewayError,
  GatewayTimeoutError,
  InternalError,
  NotFoundError,
  RateLimitError,
} from '@qwen-proxy/contracts';
import { type FakeOpenAi, startFakeOpenAi } from '../../../../test/fakes/openai/fake-openai';
import { applyChatEvent, emptyChatResult, reduceChatEvents } from '../stream/reduce-chat-events';
import { OpenAiCompatibleProvider, type OpenAiCompatibleProviderOptions } from './openai-compatible.provider';

const apiKey = 'sk-upstream-secret-1';
const relaxed = { connectMs: 2000, firstByteMs: 5000, totalMs: 10_000 };

/** The provider against the fake upstream over real loopback HTTP. */
describe(OpenAiCompatibleProvider.name, () => {
  let fake: FakeOpenAi;
  let sut: OpenAiCompatibleProvider;
  const providers: OpenAiCompatibleProvider[] = [];

  function providerFor(options: Partial<OpenAiCompatibleProviderOptions> = {}): OpenAiCompatibleProvider {
    const provider = new OpenAiCompatibleProvider({
      id: 'lm-studio',
      name: 'LM Studio',
      baseUrl: fake.url,
      apiKey,
      timeouts: relaxed,
      ...options,
    });
    providers.push(provider);
    return provider;
  }

  beforeEach(async () => {
    fake = await startFakeOpenAi({ name: 'lm-studio', models: ['llama-3.2-3b', 'qwen3-8b'], requireApiKey: apiKey });
    sut = providerFor();
  });

  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.close()));
    await fake.close();
  });

  function requestOf(overrides: Partial<ChatRequest> = {}): ChatRequest {
    const stream = overrides.stream ?? true;
    const original = { model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Hi' }], stream };
    return { model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Hi' }], stream, original, ...overrides };
  }

  function eventsOf(request: ChatRequest, provider = sut, options = {}): Promise<ChatEvent[]> {
    return lastValueFrom(provider.chat(request, options).pipe(toArray()));
  }

  function errorOf(events: ChatEvent[]): GatewayError {
    const last = events.at(-1);
    if (last?.type !== 'error') throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
    return last.error;
  }

  function chatBodies(): Record<string, unknown>[] {
    return fake.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as Record<string, unknown>);
  }

  async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  describe('streaming', () => {
    it('maps the stream to events: start, each delta as sent, the upstream usage, finish', async () => {
      fake.script({ kind: 'answer', text: 'Hello there, friend.', chunks: ['Hello', ' there,', ' friend.'] });
      const events = await eventsOf(requestOf());
      expect(events).toEqual([
        { type: 'response-start', upstreamId: expect.stringMatching(/^chatcmpl-/), model: 'llama-3.2-3b', provider: 'lm-studio' },
        { type: 'text-delta', text: 'Hello' },
        { type: 'text-delta', text: ' there,' },
        { type: 'text-delta', text: ' friend.' },
        { type: 'usage', usage: { inputTokens: expect.any(Number), outputTokens: 5, totalTokens: expect.any(Number), reasoningTokens: 0 } },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });

    it('forwards each chunk as it arrives, not when the stream ends', async () => {
      fake.script({ kind: 'answer', text: 'a b c d', delayBetweenChunksMs: 120 });
      const arrivals: { type: string; at: number }[] = [];
      await new Promise<void>((resolve) => {
        sut.chat(requestOf()).subscribe({ next: (event) => arrivals.push({ type: event.type, at: Date.now() }), complete: resolve });
      });
      const firstText = arrivals.find((arrival) => arrival.type === 'text-delta')!.at;
      const finish = arrivals.find((arrival) => arrival.type === 'finish')!.at;
      // Six chunks after the first text (three words, finish, usage, [DONE] gaps): well over 400 ms apart.
      expect(finish - firstText).toBeGreaterThan(400);
    });

    it('reads reasoning deltas', async () => {
      fake.script({ kind: 'answer', text: 'Four.', reasoning: 'Two plus two is four.' });
      const result = await reduceChatEvents(sut.chat(requestOf()));
      expect(result).toMatchObject({ reasoning: 'Two plus two is four.', text: 'Four.', finishReason: 'stop' });
    });

    it('rebuilds streamed tool calls', async () => {
      fake.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_time', arguments: '{}' }] });
      const events = await eventsOf(requestOf());
      expect(events.filter((event) => event.type === 'tool-call-start' || event.type === 'tool-call-end').map((event) => `${event.type}:${event.index}`)).toEqual([
        'tool-call-start:0',
        'tool-call-start:1',
        'tool-call-end:0',
        'tool-call-end:1',
      ]);
      expect(events.filter((event) => event.type === 'tool-call-delta').length).toBeGreaterThan(2);
      const result = events.reduce(applyChatEvent, emptyChatResult());
      expect(result.toolCalls).toEqual([
        { id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: expect.stringMatching(/^call_/), name: 'get_time', arguments: '{}' },
      ]);
      expect(result.finishReason).toBe('tool-calls');
    });

    it('rebuilds tool calls answered without streaming', async () => {
      fake.script({ kind: 'tool-calls', calls: [{ name: 'lookup', arguments: '{"q":"x"}' }] });
      const result = await reduceChatEvents(sut.chat(requestOf({ stream: false })));
      expect(result).toMatchObject({ toolCalls: [{ id: expect.stringMatching(/^call_/), name: 'lookup', arguments: '{"q":"x"}' }], finishReason: 'tool-calls', text: '' });
    });
  });

  describe('pass-through', () => {
    const clientBody = {
      model: 'fast',
      messages: [
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      ],
      stream: true,
      stream_options: { include_usage: false },
      temperature: 0.1,
      top_p: 0.5,
      n: 1,
      seed: 42,
      logprobs: true,
      top_logprobs: 2,
      max_completion_tokens: 300,
      response_format: { type: 'json_object' },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      user: 'user-7',
      enable_thinking: false,
    };

    it('sends the client body as written, with the upstream model and include_usage', async () => {
      fake.script({ kind: 'echo-request' });
      const result = await reduceChatEvents(
        sut.chat({ model: 'fast', messages: [{ role: 'user', content: 'ignored' }], stream: true, original: clientBody }, { upstreamModel: 'qwen3-8b' }),
      );
      expect(JSON.parse(result.text)).toEqual({ ...clientBody, model: 'qwen3-8b', stream: true, stream_options: { include_usage: true } });
    });

    it('sends a non-streaming request non-streaming, and maps the JSON answer to the same events', async () => {
      fake.script({ kind: 'echo-request' });
      const events = await eventsOf({ model: 'fast', messages: [], stream: false, original: { ...clientBody, stream: false } }, sut, { upstreamModel: 'qwen3-8b' });
      const { stream_options: _, ...withoutStreamOptions } = clientBody;
      expect(chatBodies()[0]).toEqual({ ...withoutStreamOptions, model: 'qwen3-8b', stream: false });
      expect(events.map((event) => event.type)).toEqual(['response-start', 'text-delta', 'usage', 'finish']);
      expect(events[0]).toEqual({ type: 'response-start', upstreamId: expect.stringMatching(/^chatcmpl-/), model: 'qwen3-8b', provider: 'lm-studio' });
    });

    it('gives the same reduced answer streamed or not', async () => {
      fake.setDefault({ kind: 'answer', text: 'Same words either way.', reasoning: 'Thinking.' });
      const streamed = await reduceChatEvents(sut.chat(requestOf({ stream: true })));
      const whole = await reduceChatEvents(sut.chat(requestOf({ stream: false })));
      const comparable = ({ upstreamId: _, ...rest }: typeof streamed) => rest;
      expect(comparable(whole)).toEqual(comparable(streamed));
      expect(whole.text).toBe('Same words either way.');
    });

    it('builds the body from the neutral request when there is no original', async () => {
      await eventsOf({ model: 'llama-3.2-3b', messages: [{ role: 'user', content: 'Hi' }], stream: true, temperature: 0.7, maxOutputTokens: 50 });
      expect(chatBodies()[0]).toEqual({
        model: 'llama-3.2-3b',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.7,
        max_tokens: 50,
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('authenticates with the bearer key and adds the extra headers', async () => {
      const provider = providerFor({ headers: { 'HTTP-Referer': 'https://qwen-proxy.local', 'X-Title': 'Qwen Proxy' } });
      await eventsOf(requestOf(), provider);
      expect(fake.requests[0].headers).toMatchObject({
        authorization: `Bearer ${apiKey}`,
        'http-referer': 'https://qwen-proxy.local',
        'x-title': 'Qwen Proxy',
        accept: 'text/event-stream',
        'content-type': 'application/json',
      });
    });

    it('works with a base URL that ends in a slash', async () => {
      const provider = providerFor({ baseUrl: `${fake.url}/` });
      const result = await reduceChatEvents(provider.chat(requestOf()));
      expect(result.finishReason).toBe('stop');
      expect(fake.requests[0].path).toBe('/v1/chat/completions');
    });
  });

  describe('upstream refusals', () => {
    it('is the upstream 429 with its retry-after, retryable, and nothing else', async () => {
      fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '20' } });
      const events = await eventsOf(requestOf());
      expect(events).toHaveLength(1);
      const error = errorOf(events);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({
        status: 429,
        code: 'rate_limit_exceeded',
        message: 'Rate limit reached for requests. Please try again in 20s.',
        retryable: true,
        retryAfterSeconds: 20,
        details: { provider: 'lm-studio', upstreamStatus: 429 },
      });
    });

    it('is a 500 the router may retry elsewhere', async () => {
      fake.script({ kind: 'status', status: 500 });
      const error = errorOf(await eventsOf(requestOf()));
      expect(error).toBeInstanceOf(InternalError);
      expect(error).toMatchObject({ code: 'upstream_500', retryable: true });
    });

    it("is a retryable 502 naming the provider when the upstream refuses the proxy's key (not the client's 401)", async () => {
      const error = errorOf(await eventsOf(requestOf(), providerFor({ apiKey: 'sk-wrong-one-0000' })));
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error).toMatchObject({ code: 'upstream_auth_failed', retryable: true, details: { upstreamStatus: 401 } });
      expect(error.message).toContain('Incorrect API key provided');
      expect(error.message).toContain('API key in the console');
    });

    it("is the upstream's 404 for a model it does not have", async () => {
      const error = errorOf(await eventsOf(requestOf(), sut, { upstreamModel: 'llama-70b' }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ code: 'model_not_found', message: 'The model `llama-70b` does not exist or you do not have access to it.' });
    });

    it('is a 502 when a 200 is neither JSON nor an event stream', async () => {
      fake.script({ kind: 'status', status: 200, body: '<html><title>Captive portal</title></html>', headers: { 'content-type': 'text/html' } });
      const error = errorOf(await eventsOf(requestOf()));
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error).toMatchObject({ code: 'upstream_invalid_response', retryable: true });
      expect(error.message).toContain('content-type "text/html"');
    });
  });

  describe('broken streams', () => {
    it('delivers what arrived as truncated when the connection is cut mid-answer', async () => {
      fake.script({ kind: 'cut', afterChunks: 3 });
      const result = await reduceChatEvents(sut.chat(requestOf()));
      expect(result).toMatchObject({ text: 'This answer', truncated: true, finishReason: 'stop' });
      expect(result.error).toBeUndefined();
    });

    it('is a retryable error when the connection is cut before any text', async () => {
      fake.script({ kind: 'cut', afterChunks: 1 });
      const events = await eventsOf(requestOf());
      expect(events.map((event) => event.type)).toEqual(['response-start', 'error']);
      expect(errorOf(events)).toMatchObject({ status: 502, code: 'upstream_unreachable', retryable: true });
    });

    it('is an error when a non-streamed answer is cut', async () => {
      fake.script({ kind: 'cut', afterChunks: 0 });
      expect(errorOf(await eventsOf(requestOf({ stream: false })))).toMatchObject({ status: 502, retryable: true });
    });

    it('ends with the error the upstream sends mid-stream, after the text before it', async () => {
      fake.script({ kind: 'mid-stream-error', afterChunks: 3, message: 'The model crashed.' });
      const events = await eventsOf(requestOf());
      expect(events.filter((event) => event.type === 'text-delta').map((event) => event.type === 'text-delta' && event.text).join('')).toBe('This answer');
      expect(errorOf(events)).toMatchObject({ status: 502, code: 'server_error', message: 'The model crashed.', retryable: true });
      expect(events.some((event) => event.type === 'finish')).toBe(false);
    });
  });

  describe('timeouts', () => {
    it('gives up on an upstream that does not start answering, naming the first-byte timeout, and aborts it', async () => {
      fake.script({ kind: 'hang' });
      const provider = providerFor({ timeouts: { connectMs: 1000, firstByteMs: 150, totalMs: 5000 } });
      const started = Date.now();
      const error = errorOf(await eventsOf(requestOf(), provider));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error).toBeInstanceOf(GatewayTimeoutError);
      expect(error).toMatchObject({ code: 'upstream_timeout', retryable: true, details: { timeout: 'first-byte', timeoutMs: 150 } });
      await until(() => fake.aborted === 1);
    });

    it('stops a stream that runs past the total timeout, after forwarding what came', async () => {
      fake.script({ kind: 'answer', text: 'one two three four five six seven eight', delayBetweenChunksMs: 60 });
      const provider = providerFor({ timeouts: { connectMs: 1000, firstByteMs: 1000, totalMs: 250 } });
      const events = await eventsOf(requestOf(), provider);
      expect(events.some((event) => event.type === 'text-delta')).toBe(true);
      expect(errorOf(events)).toMatchObject({ status: 504, details: { timeout: 'total', timeoutMs: 250 } });
      await until(() => fake.aborted === 1);
    });

    it('lets a non-streamed answer take longer than the first-byte timeout, within the total', async () => {
      fake.script({ kind: 'answer', text: 'Slow but whole.', firstByteDelayMs: 300 });
      const provider = providerFor({ timeouts: { connectMs: 1000, firstByteMs: 100, totalMs: 5000 } });
      const result = await reduceChatEvents(provider.chat(requestOf({ stream: false })));
      expect(result).toMatchObject({ text: 'Slow but whole.', finishReason: 'stop' });
    });

    it('names the total timeout when a non-streamed answer never comes', async () => {
      fake.script({ kind: 'hang' });
      const provider = providerFor({ timeouts: { connectMs: 1000, firstByteMs: 50, totalMs: 200 } });
      expect(errorOf(await eventsOf(requestOf({ stream: false }), provider))).toMatchObject({ details: { timeout: 'total' } });
    });
  });

  it('is a retryable 502 when nothing listens at the base URL', async () => {
    const port = await closedPort();
    const provider = providerFor({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const error = errorOf(await eventsOf(requestOf(), provider));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'upstream_unreachable', retryable: true, details: { networkError: 'ECONNREFUSED' } });
    expect(error.message).toBe(`Could not reach LM Studio at http://127.0.0.1:${port}/v1 (ECONNREFUSED).`);
  });

  describe('cancellation', () => {
    it('sends nothing until subscribed', async () => {
      const events = sut.chat(requestOf());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.requests).toHaveLength(0);
      await lastValueFrom(events);
      expect(fake.requests).toHaveLength(1);
    });

    it('aborts the upstream request when the consumer unsubscribes', async () => {
      fake.script({ kind: 'answer', text: 'a long answer that keeps coming', delayBetweenChunksMs: 100 });
      const received: ChatEvent[] = [];
      const subscription = sut.chat(requestOf()).subscribe((event) => received.push(event));
      await until(() => received.some((event) => event.type === 'text-delta'));
      subscription.unsubscribe();
      await until(() => fake.aborted === 1 && fake.openStreams === 0);
      const countAtUnsubscribe = received.length;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(received).toHaveLength(countAtUnsubscribe);
    });

    it('aborts the upstream request when the caller signal fires, and ends the stream quietly', async () => {
      fake.script({ kind: 'hang' });
      const controller = new AbortController();
      const done = eventsOf(requestOf(), sut, { signal: controller.signal });
      await until(() => fake.openStreams === 1);
      controller.abort();
      await expect(done).resolves.toEqual([]);
      await until(() => fake.aborted === 1);
    });
  });

  describe('upstream replays', () => {
    function replay(name: string): void {
      fake.script({
        kind: 'status',
        status: 200,
        body: readFileSync(join(__dirname, 'fixtures', name), 'utf8'),
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      });
    }

    it('estimates usage for an upstream that counts none', async () => {
      replay('llama-cpp-without-usage.sse');
      const result = await reduceChatEvents(sut.chat(requestOf()));
      expect(result.text).toBe('The capital of France is Paris.');
      expect(result.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 7, totalTokens: expect.any(Number), estimated: true, estimatedBy: 'o200k' });
      expect(result.usage!.inputTokens).toBeGreaterThan(0);
    });

    it('reads an OpenRouter stream with its processing comments and reasoning', async () => {
      replay('openrouter-reasoning.sse');
      const result = await reduceChatEvents(sut.chat(requestOf()));
      expect(result).toMatchObject({ reasoning: 'The user greets me in French; answer in French.', text: 'Bonjour ! Ça va très bien, merci. 🙂' });
    });
  });

  describe(OpenAiCompatibleProvider.prototype.listModels.name, () => {
    it('lists the upstream models', async () => {
      await expect(sut.listModels()).resolves.toEqual([
        { id: 'llama-3.2-3b', displayName: 'llama-3.2-3b' },
        { id: 'qwen3-8b', displayName: 'qwen3-8b' },
      ]);
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', headers: { authorization: `Bearer ${apiKey}` } });
    });

    it('answers declared models without asking the upstream', async () => {
      await expect(providerFor({ declaredModels: ['fixed-model'] }).listModels()).resolves.toEqual([{ id: 'fixed-model', displayName: 'fixed-model' }]);
      expect(fake.requests).toHaveLength(0);
    });

    it("rejects with the upstream's error", async () => {
      await expect(providerFor({ apiKey: undefined }).listModels()).rejects.toMatchObject({ code: 'upstream_auth_failed' });
    });
  });

  describe(OpenAiCompatibleProvider.prototype.testConnection.name, () => {
    it('reports a real round trip with the number of models', async () => {
      const result = await providerFor({ declaredModels: ['ignored'] }).testConnection();
      expect(result).toEqual({ ok: true, latencyMs: expect.any(Number), models: 2 });
      expect(fake.requests).toHaveLength(1);
    });

    it("reports the upstream's reason when it refuses", async () => {
      const result = await providerFor({ apiKey: 'sk-bad-key-00000' }).testConnection();
      expect(result).toEqual({ ok: false, latencyMs: expect.any(Number), error: expect.stringContaining('Incorrect API key provided') });
    });

    it('reports an unreachable upstream', async () => {
      const port = await closedPort();
      const result = await providerFor({ baseUrl: `http://127.0.0.1:${port}/v1` }).testConnection();
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    });
  });
});

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
