import OpenAI, { APIConnectionError, APIError, AuthenticationError, NotFoundError, RateLimitError } from 'openai';
import { embeddingVector } from './embedding.vectors';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai';

/**
 * The fake is checked with the official SDK: whatever the SDK reads correctly from it, it
 * would read the same way from OpenAI.
 */
describe(startFakeOpenAi.name, () => {
  let fake: FakeOpenAi;
  let client: OpenAI;

  beforeEach(async () => {
    fake = await startFakeOpenAi({ models: ['gpt-4o-mini', 'other-model'], requireApiKey: 'sk-test-key-1234' });
    client = new OpenAI({ apiKey: 'sk-test-key-1234', baseURL: fake.url, maxRetries: 0 });
  });

  afterEach(() => fake.close());

  async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-key-1234', 'content-type': 'application/json', ...headers },
      body,
    });
  }

  it('lists its models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['gpt-4o-mini', 'other-model']);
    await expect(client.models.retrieve('other-model')).resolves.toMatchObject({ id: 'other-model', object: 'model', owned_by: 'fake-openai' });
    await expect(client.models.retrieve('missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a non-streaming request with a chat.completion and its usage', async () => {
    fake.script({ kind: 'answer', text: 'Hello there.', reasoning: 'Greeting back.' });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.', reasoning_content: 'Greeting back.' }, finish_reason: 'stop' }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
  });

  it('streams chunks with the role first, one id, the finish reason, and usage last when asked', async () => {
    fake.script({ kind: 'answer', text: 'One two three', chunks: ['One', ' two', ' three'] });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('')).toBe('One two three');
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('sends no usage chunk when not asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it("streams tool calls the way the SDK's stream helper assembles", async () => {
    fake.script({
      kind: 'tool-calls',
      calls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
        { name: 'get_time', arguments: '{"zone":"Europe/Paris"}' },
      ],
    });
    const events: string[] = [];
    const runner = client.chat.completions
      .stream({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
        tools: [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
          { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
        ],
      })
      .on('tool_calls.function.arguments.done', (event) => events.push(`${event.name}:${event.arguments}`));
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.tool_calls?.map((call) => call.type === 'function' && [call.function.name, call.function.arguments])).toEqual([
      ['get_weather', '{"city":"Paris","unit":"celsius"}'],
      ['get_time', '{"zone":"Europe/Paris"}'],
    ]);
    expect(events).toEqual(['get_weather:{"city":"Paris","unit":"celsius"}', 'get_time:{"zone":"Europe/Paris"}']);
  });

  it('answers tool calls without streaming', async () => {
    fake.script({ kind: 'tool-calls', calls: [{ name: 'lookup', arguments: '{"q":"x"}' }] });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Look it up' }] });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { content: null, tool_calls: [{ type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
    });
    expect(completion.choices[0].message.tool_calls?.[0].id).toMatch(/^call_/);
  });

  it('echoes the body it received', async () => {
    fake.script({ kind: 'echo-request' });
    const sent = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Echo' }], temperature: 0.5, seed: 3 };
    const completion = await client.chat.completions.create(sent);
    expect(JSON.parse(completion.choices[0].message.content ?? '')).toEqual(sent);
  });

  it('records every request as it arrived', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).catch(() => undefined);
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: expect.objectContaining({ authorization: 'Bearer sk-test-key-1234', 'content-type': 'application/json' }),
        body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
        time: expect.any(Date),
      },
    ]);
  });

  it('uses scripted behaviours once each, in order, then the default', async () => {
    fake.script({ kind: 'answer', text: 'first' }, { kind: 'answer', text: 'second' });
    fake.setDefault({ kind: 'answer', text: 'default' });
    const texts = [];
    for (let index = 0; index < 3; index += 1) {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
      texts.push(completion.choices[0].message.content);
    }
    expect(texts).toEqual(['first', 'second', 'default']);
  });

  it('refuses a script whose chunks do not make its text', () => {
    expect(() => fake.script({ kind: 'answer', text: 'abc', chunks: ['a', 'b'] })).toThrow('do not join');
  });

  describe('failures', () => {
    it('answers a scripted 429 with its retry-after, as the SDK reads a rate limit', async () => {
      fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '20' } });
      const failure = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RateLimitError);
      expect(failure).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
      expect((failure as RateLimitError).headers.get('retry-after')).toBe('20');
    });

    it('sends a scripted body as given, text included', async () => {
      fake.script({ kind: 'status', status: 200, body: '<html>portal</html>', headers: { 'content-type': 'text/html' } });
      const response = await post(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html');
      await expect(response.text()).resolves.toBe('<html>portal</html>');
    });

    it('stops a stream with the error OpenAI sends mid-answer, which the SDK throws', async () => {
      fake.script({ kind: 'mid-stream-error', afterChunks: 2, message: 'The model crashed.' });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const received: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(APIError);
      expect((failure as APIError).message).toContain('The model crashed.');
      expect(received).toEqual(['', 'This']);
    });

    it('cuts the connection after the chunks it was told, without counting it as a client abort', async () => {
      fake.script({ kind: 'cut', afterChunks: 3 });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const received: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })().catch((error: unknown) => error);
      expect(failure).toBeDefined();
      expect(received).toEqual(['', 'This', ' answer']);
      await until(() => fake.openStreams === 0);
      expect(fake.aborted).toBe(0);
    });

    it('cuts a non-streamed answer halfway through its JSON', async () => {
      fake.script({ kind: 'cut', afterChunks: 0 });
      const failure = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      // undici's own words for a body that ended before its end.
      expect((failure as Error).message).toBe('terminated');
    });

    it('hangs until the client gives up, and counts that as an abort', async () => {
      fake.script({ kind: 'hang' });
      const controller = new AbortController();
      const request = client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, { signal: controller.signal });
      await until(() => fake.openStreams === 1);
      controller.abort();
      await expect(request).rejects.toBeInstanceOf(APIError);
      await until(() => fake.aborted === 1);
      expect(fake.openStreams).toBe(0);
    });

    it('waits before the first byte and between chunks as told', async () => {
      fake.script({ kind: 'answer', text: 'a b c', firstByteDelayMs: 150, delayBetweenChunksMs: 40 });
      const started = Date.now();
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const firstByte = Date.now() - started;
      for await (const chunk of stream) void chunk;
      // Five chunks (role, three words, finish): four waits between them.
      expect(firstByte).toBeGreaterThanOrEqual(140);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140 + 4 * 40 - 10);
    });
  });

  describe('validation, as OpenAI does it', () => {
    it('refuses a wrong API key with OpenAI 401', async () => {
      const stranger = new OpenAI({ apiKey: 'sk-wrong-key-9999', baseURL: fake.url, maxRetries: 0 });
      const failure = await stranger.models.list().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AuthenticationError);
      expect(failure).toMatchObject({ code: 'invalid_api_key' });
      expect((failure as Error).message).toContain('Incorrect API key provided: sk-**********9999.');
    });

    it('refuses a missing API key', async () => {
      const response = await fetch(`${fake.url}/models`);
      expect(response.status).toBe(401);
      await expect(response.json()).resolves.toMatchObject({ error: { message: expect.stringContaining("You didn't provide an API key"), code: null } });
    });

    it('says an unknown model does not exist', async () => {
      const failure = await client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(NotFoundError);
      expect(failure).toMatchObject({ code: 'model_not_found', message: expect.stringContaining('The model `gpt-9` does not exist') });
    });

    it.each([
      ['not JSON', '{"model":', 400, null, 'We could not parse the JSON body'],
      ['no model', '{"messages":[{"role":"user","content":"Hi"}]}', 400, null, 'you must provide a model parameter'],
      ['no messages', '{"model":"gpt-4o-mini"}', 400, 'missing_required_parameter', "Missing required parameter: 'messages'."],
      ['empty messages', '{"model":"gpt-4o-mini","messages":[]}', 400, 'empty_array', "Invalid 'messages': empty array."],
      ['messages of the wrong type', '{"model":"gpt-4o-mini","messages":"Hi"}', 400, 'invalid_type', "Invalid type for 'messages': expected an array, but got a string instead."],
      [
        'stream_options without stream',
        '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream_options":{"include_usage":true}}',
        400,
        null,
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      ],
    ])('refuses %s', async (_, body, status, code, message) => {
      const response = await post(body);
      expect(response.status).toBe(status);
      const json = (await response.json()) as { error: { message: string; code: string | null; type: string } };
      expect(json.error).toMatchObject({ type: 'invalid_request_error', code });
      expect(json.error.message).toContain(message);
    });

    it('answers an unknown path with "Invalid URL"', async () => {
      const response = await fetch(`${fake.url}/chat/complete`, { method: 'POST', headers: { authorization: 'Bearer sk-test-key-1234' } });
      expect(response.status).toBe(404);
      await expect(response.json()).resolves.toEqual({
        error: { message: 'Invalid URL (POST /v1/chat/complete)', type: 'invalid_request_error', param: null, code: null },
      });
    });
  });

  describe('embeddings', () => {
    it('answers the same unit-length vectors for the same input, and others for another', async () => {
      const first = await client.embeddings.create({ model: 'gpt-4o-mini', input: ['apple', 'pear'] });
      const again = await client.embeddings.create({ model: 'gpt-4o-mini', input: 'apple' });

      expect(first.object).toBe('list');
      expect(first.data.map((item) => item.index)).toEqual([0, 1]);
      expect(first.data[0]!.embedding).toHaveLength(8);
      expect(first.data[0]!.embedding).toEqual(again.data[0]!.embedding);
      expect(first.data[0]!.embedding).toEqual(embeddingVector('apple'));
      expect(first.data[1]!.embedding).not.toEqual(first.data[0]!.embedding);
      expect(Math.hypot(...first.data[0]!.embedding)).toBeCloseTo(1, 5);
      expect(first.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    });

    it('honours dimensions and token-id inputs', async () => {
      const answer = await client.embeddings.create({ model: 'gpt-4o-mini', input: [[1, 2, 3], [4]], dimensions: 20 });
      expect(answer.data.map((item) => item.embedding.length)).toEqual([20, 20]);
      expect(answer.data[0]!.embedding).toEqual(embeddingVector([1, 2, 3], 20));
      expect(answer.usage.prompt_tokens).toBe(4);
    });

    it('sends base64 as little-endian float32, which the SDK decodes to the float answer', async () => {
      const response = await fetch(`${fake.url}/embeddings`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test-key-1234', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', input: 'apple', encoding_format: 'base64' }),
      });
      const raw = (await response.json()) as { data: { embedding: string }[] };
      const bytes = Buffer.from(raw.data[0]!.embedding, 'base64');
      expect(bytes.length).toBe(32);
      expect(bytes.readFloatLE(0)).toBe(embeddingVector('apple')[0]);

      // The SDK asks for base64 itself when no format is given, and decodes it.
      const decoded = await client.embeddings.create({ model: 'gpt-4o-mini', input: 'apple' });
      expect(decoded.data[0]!.embedding).toEqual(embeddingVector('apple'));
    });

    it('refuses an empty input, a bad format, zero dimensions and an unknown model as OpenAI does', async () => {
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: '' })).rejects.toMatchObject({ status: 400 });
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: [] })).rejects.toMatchObject({ status: 400 });
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: 'x', encoding_format: 'hex' as 'float' })).rejects.toMatchObject({ status: 400, param: 'encoding_format' });
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: 'x', dimensions: 0 })).rejects.toMatchObject({ status: 400, param: 'dimensions' });
      await expect(client.embeddings.create({ model: 'missing', input: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('plays scripted failures once each, then answers again', async () => {
      fake.scriptEmbeddings({ kind: 'status', status: 503 }, { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: 'x' })).rejects.toMatchObject({ status: 503 });
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: 'x' })).rejects.toBeInstanceOf(RateLimitError);
      await expect(client.embeddings.create({ model: 'gpt-4o-mini', input: 'x' })).resolves.toMatchObject({ object: 'list' });
    });
  });

  it('is unreachable once closed', async () => {
    await fake.close();
    await expect(client.models.list()).rejects.toBeInstanceOf(APIConnectionError);
    fake = await startFakeOpenAi();
  });
});
