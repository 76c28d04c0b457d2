import type OpenAI from 'openai';
import { acceptedCompletions, startTestStack, type TestStack } from './support/test-stack';

describe('POST /v1/chat/completions through the official openai SDK', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  it('answers without streaming (stream omitted), with usage and a request id', async () => {
    const { data: completion, response } = await stack.openai.chat.completions
      .create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('qwen3-max');
    expect(completion.choices[0]!.message.role).toBe('assistant');
    expect(completion.choices[0]!.message.content).toContain('You said: "Hello"');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    // Qwen refuses stream:false, so even a non-streaming request streams upstream.
    expect((acceptedCompletions(stack.fake)[0]!.body as { stream: boolean }).stream).toBe(true);
  });

  it('streams real incremental deltas: role first, one id, a finish chunk, then [DONE]', async () => {
    stack.fake.script({ kind: 'answer', chunks: ['The ', 'quick ', 'brown ', 'fox.'] });
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Go' }], stream: true });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks.map((chunk) => chunk.choices[0]!.delta.content)).toEqual(['The ', 'quick ', 'brown ', 'fox.']);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.usage).toBeUndefined();
  });

  it('adds a usage chunk with no choices when include_usage is asked', async () => {
    const stream = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Count me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.total_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('returns reasoning as reasoning_content, never inside content', async () => {
    stack.fake.script({ kind: 'thinking-summary', thoughts: ['Weighing the options.', 'Paris it is.'], text: 'Paris.' });
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Capital of France?' }], reasoning_effort: 'high' });
    const message = completion.choices[0]!.message as OpenAI.Chat.Completions.ChatCompletionMessage & { reasoning_content?: string };
    expect(message.content).toBe('Paris.');
    expect(message.reasoning_content).toContain('Weighing the options.');
    expect(message.reasoning_content).toContain('Paris it is.');
    expect((acceptedCompletions(stack.fake)[0]!.body as { messages: { feature_config: { thinking_enabled: boolean } }[] }).messages[0]!.feature_config.thinking_enabled).toBe(true);

    stack.fake.script({ kind: 'thinking-detail', reasoning: 'Step by step.', text: 'Done.' });
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Think' }], stream: true });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
    }
    expect(reasoning).toBe('Step by step.');
    expect(content).toBe('Done.');
  });

  it('survives frames split at odd bytes and keep-alives, and keeps deltas that repeat the text so far', async () => {
    stack.fake.script({ kind: 'split-bytes', text: 'héllo 世界 🎉 done' });
    const split = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] });
    expect(split.choices[0]!.message.content).toBe('héllo 世界 🎉 done');

    // With incremental_output:true every real capture sends true deltas (audit D5): a table's
    // "|" followed by "| Name | Age |" must not lose its first bar to a snapshot guess.
    stack.fake.script({ kind: 'answer', chunks: ['|', '| Name | Age |'] });
    const table = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'y' }] });
    expect(table.choices[0]!.message.content).toBe('|| Name | Age |');

    stack.fake.script({ kind: 'keep-alive', count: 3, text: 'Still here.' });
    const kept = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'z' }] });
    expect(kept.choices[0]!.message.content).toBe('Still here.');
  });

  it('exposes search sources as url citations', async () => {
    stack.fake.script({ kind: 'search', sources: [{ title: 'Example', url: 'https://example.com/a', snippet: 'A page.' }], text: 'Found it.' });
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Search' }] });
    expect(completion.choices[0]!.message.content).toBe('Found it.');
    expect(completion.choices[0]!.message.annotations).toEqual([
      expect.objectContaining({ type: 'url_citation', url_citation: expect.objectContaining({ url: 'https://example.com/a', title: 'Example' }) }),
    ]);
  });

  it('records one request row and one response row per request, with usage and timings', async () => {
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Record me' }] });
    await stack.flushRecords();
    const requestId = `req_${completion.id.replace('chatcmpl-', '')}`;
    const requests = await stack.query('SELECT * FROM requests WHERE id = ?', [requestId]);
    const responses = await stack.query('SELECT * FROM responses WHERE request_id = ?', [requestId]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ listener: 'proxy', surface: 'openai-chat', model: 'qwen3-max', provider: 'qwen-web' });
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ status_code: 200, finish_reason: 'stop', cancelled: 0, total_tokens: completion.usage!.total_tokens });
    expect(Number(responses[0]!['time_to_first_token_ms'])).toBeGreaterThanOrEqual(0);
    expect(Number(responses[0]!['duration_ms'])).toBeGreaterThanOrEqual(Number(responses[0]!['time_to_first_token_ms']));
  });
});

describe('keep-alive while Qwen is slow to answer', () => {
  it('sends SSE comments until the first frame, then the answer', async () => {
    const stack = await startTestStack({ environment: { STREAM_KEEPALIVE_MS: '100' } });
    try {
      stack.fake.script({ kind: 'slow-first-byte', delayMs: 450, text: 'Worth the wait.' });
      const response = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Slowly' }] }),
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await response.text();
      expect(text.indexOf(': keep-alive')).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(': keep-alive')).toBeLessThan(text.indexOf('Worth'));
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    } finally {
      await stack.close();
    }
  });
});

describe('request validation on /v1/chat/completions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const post = (body: string) => stack.proxy('/v1/chat/completions', { method: 'POST', body });

  it.each([
    ['a missing model', { messages: [{ role: 'user', content: 'x' }] }, 'model'],
    ['no messages', { model: 'qwen3-max', messages: [] }, 'messages'],
    ['an unknown role', { model: 'qwen3-max', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    ['bad content parts', { model: 'qwen3-max', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content'],
    ['a temperature out of range', { model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }], temperature: 7 }, 'temperature'],
    ['a non-boolean stream', { model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }], stream: 'yes' }, 'stream'],
  ])('refuses %s with a 400 naming the field', async (_, body, param) => {
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { message: string; type: string; param: string; code: string } };
    expect(error.error).toMatchObject({ type: 'invalid_request_error', param, code: 'invalid_request' });
    expect(error.error.message).toContain(param);
  });

  it('answers malformed JSON in the OpenAI error shape', async () => {
    const response = await post('{"model": "qwen3-max", "messages": [');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'invalid_json' }) });
  });

  it('refuses a conversation that does not end with the user', async () => {
    const response = await post(JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code: 'invalid_messages', param: 'messages' });
  });

  it('accepts and ignores parameters the Qwen web chat cannot honour', async () => {
    const response = await post(
      JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }], temperature: 0.2, top_p: 0.9, seed: 1, max_tokens: 50, logit_bias: {}, some_future_option: true }),
    );
    expect(response.status).toBe(200);
  });

  it('refuses an unknown model with 404 model_not_found', async () => {
    const response = await post(JSON.stringify({ model: 'gpt-nope', messages: [{ role: 'user', content: 'x' }] }));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code: 'model_not_found', param: 'model' });
  });

  it('logs refused requests too, with the status and the reason', async () => {
    const malformed = await post('{"model": "qwen3-max", "messages": [');
    const invalid = await post(JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'robot', content: 'x' }] }));
    await stack.flushRecords();
    for (const [response, code] of [[malformed, 'invalid_json'], [invalid, 'invalid_request']] as const) {
      const rows = await stack.query<{ status_code: number; error_code: string; surface: string }>(
        'SELECT status_code, error_code, surface FROM responses JOIN requests ON requests.id = responses.request_id WHERE requests.id = ?',
        [response.headers.get('x-request-id')],
      );
      expect(rows).toEqual([{ status_code: 400, error_code: code, surface: 'openai-chat' }]);
    }
  });

  it('asks for a key when none is sent', async () => {
    const response = await fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
  });
});
