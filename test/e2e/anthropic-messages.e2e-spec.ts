import Anthropic from '@anthropic-ai/sdk';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { acceptedCompletions, sentContent, sentParentId, registerUpstream, startTestStack, type TestStack } from './support/test-stack';

interface UpstreamBody {
  model: string;
  stream: boolean;
  messages: { role: string; content: unknown; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
  tool_choice?: unknown;
}

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The weather in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** A tool call written the way the Qwen provider's prompt asks the model to. */
function qwenToolCall(name: string, input: Record<string, unknown>): string {
  return `\`\`\`tool_call\n${JSON.stringify({ name, arguments: input })}\n\`\`\``;
}

describe('POST /v1/messages through the official @anthropic-ai/sdk', () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;
  const anthropic = (baseURL = stack.app.proxyUrl) => new Anthropic({ baseURL, apiKey: 'sk-ant-local', maxRetries: 0 });

  beforeAll(async () => {
    stack = await startTestStack();
    upstream = await startFakeOpenAi({ name: 'tools-upstream', models: ['tool-model'] });
    await registerUpstream(stack, upstream, { apiKey: 'sk-upstream', priority: 1 });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  beforeEach(() => stack.fake.reset());

  it('answers messages.create with a message, usage and request-id; a Claude model name reaches Qwen as qwen3-max', async () => {
    const { data: message, response } = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.id).toMatch(/^msg_/);
    expect(message.model).toBe('claude-sonnet-4-6');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect((message.content[0] as Anthropic.TextBlock).text).toContain('Hello');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const [sent] = acceptedCompletions(stack.fake);
    expect((sent!.body as { model: string }).model).toBe('qwen3-max');
    expect(sentContent(sent!)).toContain('Be brief.');
  });

  it('maps Claude names through modelAliases (one name, or claude-* for all)', async () => {
    await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ modelAliases: { 'claude-haiku-4-5': 'qwen3-coder-plus', 'claude-*': 'qwen3.5-plus' } }) });
    try {
      await anthropic().messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'a' }] });
      await anthropic().messages.create({ model: 'claude-opus-4-1', max_tokens: 64, messages: [{ role: 'user', content: 'b' }] });
      expect(acceptedCompletions(stack.fake).map((request) => (request.body as { model: string }).model)).toEqual(['qwen3-coder-plus', 'qwen3.5-plus']);
    } finally {
      await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ modelAliases: {} }) });
    }
  });

  it('streams the exact Anthropic event sequence, and .stream() assembles the final message', async () => {
    stack.fake.script({ kind: 'answer', chunks: ['The ', 'quick ', 'fox.'] });
    const stream = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Go' }] });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const deltas = events.filter((event): event is Anthropic.RawContentBlockDeltaEvent => event.type === 'content_block_delta');
    expect(deltas.map((event) => (event.delta as Anthropic.TextDelta).text)).toEqual(['The ', 'quick ', 'fox.']);
    const end = events.find((event): event is Anthropic.RawMessageDeltaEvent => event.type === 'message_delta')!;
    expect(end.delta.stop_reason).toBe('end_turn');
    expect(end.usage.output_tokens).toBeGreaterThan(0);

    const helper = anthropic().messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: 'Again' }] });
    let streamed = '';
    helper.on('text', (text) => (streamed += text));
    const final = await helper.finalMessage();
    expect(streamed).toContain('You said: "Again"');
    expect((final.content[0] as Anthropic.TextBlock).text).toBe(streamed);
  });

  it('turns thinking on for Qwen and streams it as a thinking block with a signature before the text', async () => {
    stack.fake.script({ kind: 'thinking-summary', thoughts: ['Weighing the options.', 'Paris it is.'], text: 'Paris.' });
    const helper = anthropic().messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Capital of France?' }],
    });
    let thinking = '';
    helper.on('thinking', (delta) => (thinking += delta));
    const message = await helper.finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    const thinkingBlock = message.content[0] as Anthropic.ThinkingBlock;
    expect(thinkingBlock.thinking).toContain('Weighing the options.');
    expect(thinkingBlock.thinking).toBe(thinking);
    expect(thinkingBlock.signature.length).toBeGreaterThan(0);
    expect((message.content[1] as Anthropic.TextBlock).text).toBe('Paris.');
    const sent = acceptedCompletions(stack.fake)[0]!.body as { messages: { feature_config: { thinking_enabled: boolean; thinking_budget?: number } }[] };
    expect(sent.messages[0]!.feature_config.thinking_enabled).toBe(true);

    stack.fake.script({ kind: 'thinking-detail', reasoning: 'Step by step.', text: 'Done.' });
    const created = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Think' }],
    });
    expect(created.content).toEqual([
      { type: 'thinking', thinking: 'Step by step.', signature: expect.any(String) as string },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('continues the same Qwen chat when the history comes back with thinking blocks and an x-api-key', async () => {
    const first = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: 'My name is Ada.' }] });
    const second = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      messages: [
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'old thoughts', signature: 'sig' }, ...first.content] as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'text', text: 'What is my name?' }] },
      ],
    });
    const [firstCall, secondCall] = acceptedCompletions(stack.fake);
    expect(secondCall!.query['chat_id']).toBe(firstCall!.query['chat_id']);
    expect(sentParentId(secondCall!)).not.toBeNull();
    expect(sentContent(secondCall!)).toBe('What is my name?');
    expect((second.content[0] as Anthropic.TextBlock).text).toContain('turn 2 of this chat');
  });

  it('runs a tool round trip through the router: tool_use out, tool_result back as a tool message', async () => {
    upstream.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const client = anthropic(stack.app.routerUrl);
    const streamed = client.messages.stream({ model: 'tool-model', max_tokens: 512, tools: [weatherTool], tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const jsonDeltas: string[] = [];
    streamed.on('inputJson', (partial) => jsonDeltas.push(partial));
    const message = await streamed.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    const toolUse = message.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    expect(jsonDeltas.length).toBeGreaterThan(0);
    const firstBody = upstream.requests.at(-1)!.body as UpstreamBody;
    expect(firstBody.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'The weather in a city.', parameters: weatherTool.input_schema } }]);
    expect(firstBody.tool_choice).toBe('auto');

    upstream.script({ kind: 'answer', text: 'It is sunny in Paris.' });
    const answer = await client.messages.create({
      model: 'tool-model',
      max_tokens: 512,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: message.content as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: [{ type: 'text', text: 'Sunny, 24°C' }] }] },
      ],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
    const secondBody = upstream.requests.at(-1)!.body as UpstreamBody;
    expect(secondBody.messages.map((sent) => sent.role)).toEqual(['user', 'assistant', 'tool']);
    expect(secondBody.messages[1]!.tool_calls![0]).toMatchObject({ id: toolUse.id, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    expect(secondBody.messages[2]).toMatchObject({ role: 'tool', tool_call_id: toolUse.id, content: 'Sunny, 24°C' });

    upstream.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] });
    const nonStreaming = await client.messages.create({ model: 'tool-model', max_tokens: 512, tools: [weatherTool], messages: [{ role: 'user', content: 'Rome?' }] });
    expect(nonStreaming.stop_reason).toBe('tool_use');
    expect(nonStreaming.content.find((block) => block.type === 'tool_use')).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Rome' } });
  });

  it('runs a tool round trip on the Qwen web provider (:3000): tools in the prompt, tool_use back, tool_result sent on', async () => {
    stack.fake.script({ kind: 'answer', text: `Let me look.\n\n${qwenToolCall('get_weather', { city: 'Paris' })}` });
    const message = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 512, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: expect.any(String) as string, name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(sentContent(acceptedCompletions(stack.fake)[0]!)).toContain('get_weather');

    stack.fake.script({ kind: 'answer', text: qwenToolCall('get_weather', { city: 'Oslo' }) });
    const streamed = await anthropic()
      .messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 512, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Oslo?' }] })
      .finalMessage();
    expect(streamed.stop_reason).toBe('tool_use');
    const toolUse = streamed.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'Oslo' } });

    stack.fake.script({ kind: 'answer', text: 'It is snowing in Oslo.' });
    const answer = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 512,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: streamed.content as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Snow, -3°C' }] },
      ],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'It is snowing in Oslo.' }]);
    expect(sentContent(acceptedCompletions(stack.fake).at(-1)!)).toContain('Snow, -3°C');
  });

  it('answers a Claude model name on the router too, with Qwen as the stand-in', async () => {
    const message = await anthropic(stack.app.routerUrl).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Routed' }] });
    expect((message.content[0] as Anthropic.TextBlock).text).toContain('You said: "Routed"');
  });

  it('accepts a request as Claude Code sends it: ?beta=true, anthropic-beta, system messages mid-conversation, cache_control; count_tokens too', async () => {
    const body = {
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'First question', cache_control: { type: 'ephemeral' } }] },
        { role: 'system', content: 'Available agents: general-purpose, explore.' },
        { role: 'user', content: 'Second question' },
      ],
      metadata: { user_id: 'user_abc' },
    };
    const headers = { 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14', 'anthropic-version': '2023-06-01' };
    const response = await stack.proxy('/v1/messages?beta=true', { method: 'POST', headers, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { content: { text: string }[] }).content[0]!.text).toContain('Second question');
    const sent = sentContent(acceptedCompletions(stack.fake).at(-1)!);
    // The mid-conversation system message joins the instructions, not the user's words.
    expect(sent).toMatch(/\[Instructions\]\nYou are Claude Code\.\n\nAvailable agents: general-purpose, explore\./);

    const { max_tokens: _maxTokens, metadata: _metadata, ...countBody } = body;
    const counted = await stack.proxy('/v1/messages/count_tokens?beta=true', { method: 'POST', headers, body: JSON.stringify(countBody) });
    expect(counted.status).toBe(200);
    const withoutSystem = await stack.proxy('/v1/messages/count_tokens?beta=true', { method: 'POST', headers, body: JSON.stringify({ ...countBody, messages: [countBody.messages[0], countBody.messages[2]] }) });
    expect(((await counted.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(((await withoutSystem.json()) as { input_tokens: number }).input_tokens);
  });

  it("maps the web_search server tool to Qwen's search and declines other server tools in Anthropic's shape, on count_tokens too", async () => {
    await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'News?' }],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
    });
    expect((acceptedCompletions(stack.fake).at(-1)!.body as { messages: { feature_config: { auto_search?: boolean } }[] }).messages[0]!.feature_config.auto_search).toBe(true);
    const codeExecution = { type: 'code_execution_20250825', name: 'code_execution' };
    for (const path of ['/v1/messages', '/v1/messages/count_tokens']) {
      const response = await stack.proxy(path, { method: 'POST', body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Run it' }], tools: [weatherTool, codeExecution] }) });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { type: string; error: { type: string; message: string } };
      expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(body.error.message).toContain('code_execution_20250825');
    }
  });

  it("counts tokens with a real tokenizer: more text, more tokens; tools count", async () => {
    const count = (body: Omit<Anthropic.MessageCountTokensParams, 'model'>) => anthropic().messages.countTokens({ model: 'claude-sonnet-4-6', ...body });
    const short = await count({ messages: [{ role: 'user', content: 'Hello' }] });
    const long = await count({ messages: [{ role: 'user', content: 'Hello '.repeat(100) }] });
    const withTools = await count({ messages: [{ role: 'user', content: 'Hello' }], tools: [weatherTool] });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 90);
    expect(withTools.input_tokens).toBeGreaterThan(short.input_tokens);
    expect(acceptedCompletions(stack.fake)).toHaveLength(0);
  });

  it("refuses a bad body with a 400 in Anthropic's shape, with request-id", async () => {
    const response = await stack.proxy('/v1/messages', { method: 'POST', body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'x' }] }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toContain('max_tokens');

    const badJson = await stack.proxy('/v1/messages', { method: 'POST', body: '{"model":' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });

    const badBlock = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'tool_result' } as unknown as Anthropic.ContentBlockParam] }] })
      .catch((error: unknown) => error);
    expect(badBlock).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('answers without a key with an authentication_error, and accepts x-api-key', async () => {
    const response = await fetch(`${stack.app.proxyUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it("reports Qwen's daily limit as a 429 rate_limit_error the SDK raises as RateLimitError, without retrying", async () => {
    stack.fake.failNext('daily-limit', { num: 10 });
    const failure = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    // A new account for the tests after this one (a reconnected one keeps its cooldown).
    await stack.resetAccounts();
    expect(failure).toBeInstanceOf(Anthropic.RateLimitError);
    const error = failure as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error.status).toBe(429);
    expect((error.error as { type: string; error: { type: string } }).error.type).toBe('rate_limit_error');
    expect(error.message).toContain('10 hours');
    expect(error.headers?.get('x-should-retry')).toBe('false');
    expect(error.requestID).toMatch(/^req_/);
  });

  it('reports an unknown model as not_found_error', async () => {
    const failure = await anthropic()
      .messages.create({ model: 'no-such-model', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('sends a failure after the stream began as an error event, which the SDK raises', async () => {
    stack.fake.script({ kind: 'stream-error', code: 'internal_error', details: 'Qwen broke mid-answer', afterChunks: 2 });
    const stream = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Go on' }] });
    const types: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((error: unknown) => error);
    expect(types[0]).toBe('message_start');
    expect(failure).toBeInstanceOf(Anthropic.APIError);
  });

  it('records the request under the anthropic-messages surface with the Qwen model', async () => {
    const { response } = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Log me' }] }).withResponse();
    await stack.flushRecords();
    const [row] = await stack.query<{ surface: string; model: string }>('SELECT surface, model FROM requests WHERE id = ?', [response.headers.get('request-id')]);
    expect(row).toEqual({ surface: 'anthropic-messages', model: 'qwen3-max' });
  });
});
