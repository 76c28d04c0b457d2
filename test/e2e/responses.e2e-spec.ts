import OpenAI from 'openai';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { acceptedCompletions, sentContent, sentParentId, registerUpstream, startTestStack, type TestStack } from './support/test-stack';

interface UpstreamBody {
  messages: { role: string; content: unknown; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: unknown[];
}

const weatherTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

/** The SDK adds `output_text` to `responses.create` answers only; the stream helper's final response has the items alone. */
function outputTextOf(response: OpenAI.Responses.Response): string {
  return response.output.flatMap((item) => (item.type === 'message' ? item.content : [])).map((part) => (part.type === 'output_text' ? part.text : '')).join('');
}

/** A tool call written the way the Qwen provider's prompt asks the model to. */
function qwenToolCall(name: string, input: Record<string, unknown>): string {
  return `\`\`\`tool_call\n${JSON.stringify({ name, arguments: input })}\n\`\`\``;
}

describe('POST /v1/responses through the official openai SDK', () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;

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

  it('answers responses.create with a completed response, output_text and usage', async () => {
    const { data: response, response: http } = await stack.openai.responses.create({ model: 'qwen3-max', instructions: 'Be brief.', input: 'Hello' }).withResponse();
    expect(response.object).toBe('response');
    expect(response.id).toMatch(/^resp_/);
    expect(response.status).toBe('completed');
    expect(response.model).toBe('qwen3-max');
    expect(response.output).toHaveLength(1);
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.output_text).toContain('You said:');
    expect(response.usage!.input_tokens).toBeGreaterThan(0);
    expect(response.usage!.output_tokens).toBeGreaterThan(0);
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens);
    expect(http.headers.get('x-request-id')).toMatch(/^req_/);
    expect(sentContent(acceptedCompletions(stack.fake)[0]!)).toContain('Be brief.');
  });

  it('streams named events with increasing sequence numbers; .stream() gives the final response', async () => {
    stack.fake.script({ kind: 'answer', chunks: ['The ', 'quick ', 'fox.'] });
    const stream = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Go', stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const done = events.find((event): event is OpenAI.Responses.ResponseTextDoneEvent => event.type === 'response.output_text.done')!;
    expect(done.text).toBe('The quick fox.');
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.output[0]).toMatchObject({ type: 'message', content: [{ type: 'output_text', text: 'The quick fox.' }] });

    const helper = stack.openai.responses.stream({ model: 'qwen3-max', input: 'Again' });
    let text = '';
    helper.on('response.output_text.delta', (event) => (text += event.delta));
    const final = await helper.finalResponse();
    expect(text).toContain('You said: "Again"');
    expect(outputTextOf(final)).toBe(text);
    expect(final.status).toBe('completed');
  });

  it('returns reasoning items with a summary, streamed as reasoning summary events', async () => {
    stack.fake.script({ kind: 'thinking-summary', thoughts: ['Weighing the options.', 'Paris it is.'], text: 'Paris.' });
    const response = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Capital of France?', reasoning: { effort: 'high', summary: 'auto' } });
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    const reasoning = response.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.summary[0]!.text).toContain('Paris it is.');
    expect(response.output_text).toBe('Paris.');
    const sent = acceptedCompletions(stack.fake)[0]!.body as { messages: { feature_config: { thinking_enabled: boolean } }[] };
    expect(sent.messages[0]!.feature_config.thinking_enabled).toBe(true);

    stack.fake.script({ kind: 'thinking-detail', reasoning: 'Step by step.', text: 'Done.' });
    const helper = stack.openai.responses.stream({ model: 'qwen3-max', input: 'Think', reasoning: { effort: 'medium' } });
    const types: string[] = [];
    let summary = '';
    helper.on('event', (event) => types.push(event.type));
    helper.on('response.reasoning_summary_text.delta', (event) => (summary += event.delta));
    const final = await helper.finalResponse();
    expect(summary).toBe('Step by step.');
    expect(types).toEqual(
      expect.arrayContaining(['response.reasoning_summary_part.added', 'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done']),
    );
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  });

  it('continues the same Qwen chat with previous_response_id, sending only the new turn', async () => {
    const first = await stack.openai.responses.create({ model: 'qwen3-max', input: 'My name is Ada.' });
    const second = await stack.openai.responses.create({ model: 'qwen3-max', input: 'What is my name?', previous_response_id: first.id });
    const [firstCall, secondCall] = acceptedCompletions(stack.fake);
    expect(secondCall!.query['chat_id']).toBe(firstCall!.query['chat_id']);
    expect(sentContent(secondCall!)).toBe('What is my name?');
    const answerNode = stack.fake.chats.get(firstCall!.query['chat_id']!)!.messages.find((node) => node.role === 'assistant')!;
    expect(sentParentId(secondCall!)).toBe(answerNode.id);
    expect(second.output_text).toContain('turn 2 of this chat');
    expect(second.previous_response_id).toBe(first.id);

    // Streaming continues the chain too, and the stream's response is stored like any other.
    const third = await stack.openai.responses.stream({ model: 'qwen3-max', input: 'And again?', previous_response_id: second.id }).finalResponse();
    expect(outputTextOf(third)).toContain('turn 3 of this chat');
    const fourth = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Last one.', previous_response_id: third.id });
    expect(fourth.output_text).toContain('turn 4 of this chat');
    expect(new Set(acceptedCompletions(stack.fake).map((request) => request.query['chat_id'])).size).toBe(1);

    const retrieved = await stack.openai.responses.retrieve(first.id);
    expect(retrieved.output_text).toBe(first.output_text);
  });

  it('refuses an unknown previous_response_id with a 404 in OpenAI shape', async () => {
    const failure = await stack.openai.responses.create({ model: 'qwen3-max', input: 'x', previous_response_id: 'resp_nope' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    expect(failure).toMatchObject({ status: 404, code: 'previous_response_not_found', param: 'previous_response_id' });
  });

  it('does not store a response asked with store: false', async () => {
    const response = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Forget me', store: false });
    const failure = await stack.openai.responses.create({ model: 'qwen3-max', input: 'x', previous_response_id: response.id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('runs a function tool round trip through the router, streaming the call arguments', async () => {
    const router = stack.routerClient;
    upstream.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const helper = router.responses.stream({ model: 'tool-model', input: 'Weather in Paris?', tools: [weatherTool], tool_choice: 'auto' });
    let argumentsStreamed = '';
    helper.on('response.function_call_arguments.delta', (event) => (argumentsStreamed += event.delta));
    const first = await helper.finalResponse();
    const call = first.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });
    expect(argumentsStreamed).toBe('{"city":"Paris"}');
    expect((upstream.requests.at(-1)!.body as UpstreamBody).tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'The weather in a city.', parameters: weatherTool.parameters } },
    ]);

    upstream.script({ kind: 'answer', text: 'It is sunny in Paris.' });
    const second = await router.responses.create({
      model: 'tool-model',
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 24°C' }],
    });
    expect(second.output_text).toBe('It is sunny in Paris.');
    const sent = upstream.requests.at(-1)!.body as UpstreamBody;
    expect(sent.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent.messages[1]!.tool_calls![0]).toMatchObject({ id: call.call_id, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    expect(sent.messages[2]).toMatchObject({ tool_call_id: call.call_id, content: 'Sunny, 24°C' });

    upstream.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] });
    const nonStreaming = await router.responses.create({ model: 'tool-model', input: [{ role: 'user', content: 'Rome?' }], tools: [weatherTool] });
    expect(nonStreaming.output).toEqual([expect.objectContaining({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Rome"}' })]);
  });

  it('runs a function tool round trip on the Qwen web provider (:3000) with previous_response_id', async () => {
    stack.fake.script({ kind: 'answer', text: qwenToolCall('get_weather', { city: 'Oslo' }) });
    const first = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Weather in Oslo?', tools: [weatherTool] });
    const call = first.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Oslo"}' });
    expect(sentContent(acceptedCompletions(stack.fake)[0]!)).toContain('get_weather');

    stack.fake.script({ kind: 'answer', text: 'It is snowing in Oslo.' });
    const second = await stack.openai.responses.create({
      model: 'qwen3-max',
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'Snow, -3°C' }],
    });
    expect(second.output_text).toBe('It is snowing in Oslo.');
    expect(sentContent(acceptedCompletions(stack.fake).at(-1)!)).toContain('Snow, -3°C');

    stack.fake.script({ kind: 'answer', text: `Checking.\n${qwenToolCall('get_weather', { city: 'Rome' })}` });
    const streamed = await stack.openai.responses.stream({ model: 'qwen3-max', input: 'Weather in Rome?', tools: [weatherTool] }).finalResponse();
    expect(streamed.output.map((item) => item.type)).toEqual(['message', 'function_call']);
  });

  it('refuses a bad body with a 400 in OpenAI shape', async () => {
    const failure = await stack.openai.responses.create({ model: 'qwen3-max' } as OpenAI.Responses.ResponseCreateParamsNonStreaming).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input');
  });

  it('reports a failure after the stream began as response.failed and an error the SDK raises', async () => {
    stack.fake.script({ kind: 'stream-error', code: 'internal_error', details: 'Qwen broke mid-answer', afterChunks: 2 });
    const stream = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Go on', stream: true });
    const types: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((error: unknown) => error);
    expect(types).toContain('response.failed');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
  });

  it('records the request under the openai-responses surface', async () => {
    const { response } = await stack.openai.responses.create({ model: 'qwen3-max', input: 'Log me' }).withResponse();
    await stack.flushRecords();
    const [row] = await stack.query<{ surface: string }>('SELECT surface FROM requests WHERE id = ?', [response.headers.get('x-request-id')]);
    expect(row).toEqual({ surface: 'openai-responses' });
  });
});
