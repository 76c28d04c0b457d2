import type OpenAI from 'openai';
import type { FakeQwen } from '../fakes/qwen';
import { acceptedCompletions, sentContent, sentParentId, startTestStack, type TestStack } from './support/test-stack';

type Tool = OpenAI.Chat.Completions.ChatCompletionTool;

const weatherTool: Tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
};
const timeTool: Tool = {
  type: 'function',
  function: { name: 'get_time', description: 'The local time of a city.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/** A call written the way the prompt asks the model to. */
function call(name: string, args: Record<string, unknown>): string {
  return `\`\`\`tool_call\n${JSON.stringify({ name, arguments: args })}\n\`\`\``;
}

/** The `response_id` the fake gave a completion it streamed. */
function responseIdOf(request: FakeQwen['requests'][number]): string {
  if (request.outcome.status !== 'streamed') throw new Error(`not streamed: ${request.outcome.status}`);
  return request.outcome.responseId;
}

describe('tool calling on the Qwen web provider, through the official openai SDK', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ fakeOptions: { chunkIntervalMs: 0 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  it('renders the tools into the prompt and returns a call, without streaming', async () => {
    stack.fake.script({ kind: 'answer', text: `Let me look that up.\n\n${call('get_weather', { city: 'Paris' })}` });
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Let me look that up.');
    expect(choice.message.tool_calls).toEqual([{ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    expect(completion.usage!.total_tokens).toBeGreaterThan(0);

    const sent = sentContent(acceptedCompletions(stack.fake)[0]!);
    expect(sent).toContain('[Tools]');
    expect(sent).toContain('- get_weather: Current weather of a city.');
    expect(sent).toContain('```tool_call');
    expect(sent).toMatch(/\[Current message\]\nWeather in Paris\?$/);
  });

  it('streams the text live, then the call in the order the SDK stream helpers need', async () => {
    stack.fake.script({
      kind: 'answer',
      chunks: ['Checking ', 'the weather.\n', '```tool', '_call\n{"name": "get_weather", ', '"arguments": {"city": "Oslo"}}\n', '```'],
    });
    const stream = stack.openai.chat.completions.stream({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
    });
    const order: string[] = [];
    stream.on('content.delta', ({ delta }) => order.push(`text:${delta}`));
    stream.on('tool_calls.function.arguments.done', ({ name, arguments: args }) => order.push(`call:${name}:${args}`));
    const completion = await stream.finalChatCompletion();

    expect(order).toEqual(['text:Checking', 'text: the weather.', 'call:get_weather:{"city":"Oslo"}']);
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.tool_calls![0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } });
  });

  it('returns several calls made in one answer, each with its own id', async () => {
    stack.fake.script({ kind: 'answer', text: [call('get_weather', { city: 'Paris' }), call('get_weather', { city: 'Rome' }), call('get_time', { city: 'Rome' })].join('\n') });
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather in Paris and Rome, and the time in Rome?' }],
      tools: [weatherTool, timeTool],
      stream: false,
    });
    const calls = completion.choices[0]!.message.tool_calls!.filter((toolCall) => toolCall.type === 'function');
    expect(calls.map((toolCall) => `${toolCall.function.name} ${toolCall.function.arguments}`)).toEqual([
      'get_weather {"city":"Paris"}',
      'get_weather {"city":"Rome"}',
      'get_time {"city":"Rome"}',
    ]);
    expect(new Set(calls.map((toolCall) => toolCall.id)).size).toBe(3);
    expect(completion.choices[0]!.message.content).toBeNull();
  });

  it('keeps HTML, XML and ordinary code in a normal answer as text', async () => {
    const text = 'Here is markup:\n<tool_call>{"name":"get_weather","arguments":{"city":"x"}}</tool_call>\n<div class="tool_call">hi</div>\n```json\n{"name": "get_weather", "arguments": {"city": "x"}}\n```';
    stack.fake.script({ kind: 'answer', text });
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Show me HTML' }], tools: [weatherTool] });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.message.content).toBe(text);
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('with tool_choice none, leaves the tools out of the prompt and reads no calls', async () => {
    stack.fake.script({ kind: 'answer', text: call('get_weather', { city: 'Paris' }) });
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Just talk.' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(sentContent(acceptedCompletions(stack.fake)[0]!)).toBe('Just talk.');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('with a named tool_choice, offers only that tool and says it must be called', async () => {
    stack.fake.script({ kind: 'answer', text: call('get_time', { city: 'Oslo' }) });
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Time in Oslo?' }],
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const sent = sentContent(acceptedCompletions(stack.fake)[0]!);
    expect(sent).toContain('- get_time:');
    expect(sent).not.toContain('- get_weather:');
    expect(sent).toContain('You must call the tool "get_time"');
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');

    const refused = await stack.openai.chat.completions
      .create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }], tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'nope' } } })
      .catch((error: { status: number; code: string }) => error);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_tool_choice' });
  });

  it('with tool_choice required and no call, asks once more in the same chat, after the answer', async () => {
    stack.fake.script({ kind: 'answer', text: 'It is probably sunny.' }, { kind: 'answer', text: call('get_weather', { city: 'Paris' }) });
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'required',
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(1);

    const [first, repair] = acceptedCompletions(stack.fake);
    expect(sentContent(first!)).toContain('You must call at least one tool in this answer.');
    expect(repair!.query['chat_id']).toBe(first!.query['chat_id']);
    expect(sentParentId(repair!)).toBe(responseIdOf(first!));
    expect(sentContent(repair!)).toContain('You must call at least one tool now');
  });

  it('repairs invalid arguments with one more turn, then returns the valid call', async () => {
    stack.fake.script(
      { kind: 'answer', text: `On it.\n${call('get_weather', { town: 'Paris' })}` },
      { kind: 'answer', text: call('get_weather', { city: 'Paris' }) },
    );
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.content).toBe('On it.');
    expect(completion.choices[0]!.message.tool_calls![0]).toMatchObject({ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });

    const [first, repair] = acceptedCompletions(stack.fake);
    expect(repair!.query['chat_id']).toBe(first!.query['chat_id']);
    expect(sentParentId(repair!)).toBe(responseIdOf(first!));
    expect(sentContent(repair!)).toContain("must have required property 'city'");
    expect(sentContent(repair!)).toContain('("town")');
  });

  it('gives up with a clear error when the repair is invalid too', async () => {
    stack.fake.script({ kind: 'answer', text: call('delete_everything', {}) }, { kind: 'answer', text: call('delete_everything', {}) });
    const error = await stack.openai.chat.completions
      .create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Go' }], tools: [weatherTool], tool_choice: 'required' })
      .catch((caught: { status: number; code: string; message: string }) => caught);
    expect(error).toMatchObject({ status: 502, code: 'invalid_tool_call', message: expect.stringContaining('no tool named "delete_everything"') });
    expect(acceptedCompletions(stack.fake)).toHaveLength(2);
  });

  it('reports a failed repair mid-stream as an error frame after the live text', async () => {
    stack.fake.script({ kind: 'answer', text: `Trying.\n${call('get_weather', {})}` }, { kind: 'answer', text: call('get_weather', {}) });
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Go' }], tools: [weatherTool], stream: true });
    let content = '';
    const failure = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    })().catch((caught: Error) => caught);
    expect(content).toBe('Trying.');
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toContain('tool call');
  });

  it('survives a runTools loop with two tools over three steps, continuing one Qwen chat', async () => {
    stack.fake.script(
      { kind: 'answer', text: `${call('get_weather', { city: 'Paris' })}\n${call('get_time', { city: 'Paris' })}` },
      { kind: 'answer', text: `Now Rome.\n${call('get_weather', { city: 'Rome' })}` },
      { kind: 'answer', text: 'Paris: 18 °C at 10:00. Rome: 24 °C.' },
    );
    const invoked: string[] = [];
    const runner = stack.openai.chat.completions.runTools({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Weather and time in Paris, then the weather in Rome.' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather of a city.',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            parse: JSON.parse,
            function: ({ city }: { city: string }) => {
              invoked.push(`weather ${city}`);
              return city === 'Paris' ? '18 °C' : '24 °C';
            },
          },
        },
        {
          type: 'function',
          function: {
            name: 'get_time',
            description: 'The local time of a city.',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            parse: JSON.parse,
            function: ({ city }: { city: string }) => {
              invoked.push(`time ${city}`);
              return '10:00';
            },
          },
        },
      ],
    });
    const final = await runner.finalContent();
    expect(final).toBe('Paris: 18 °C at 10:00. Rome: 24 °C.');
    expect(invoked).toEqual(['weather Paris', 'time Paris', 'weather Rome']);

    const [first, second, third] = acceptedCompletions(stack.fake);
    expect(acceptedCompletions(stack.fake)).toHaveLength(3);
    expect(new Set([first, second, third].map((request) => request!.query['chat_id'])).size).toBe(1);
    expect(sentParentId(second!)).toBe(responseIdOf(first!));
    expect(sentParentId(third!)).toBe(responseIdOf(second!));
    // Only the results go out, each labelled with its call; the history stays with Qwen.
    const results = sentContent(second!);
    expect(results).not.toContain('[Conversation so far]');
    expect(results).toMatch(/\[Tool result of get_weather \{"city":"Paris"\}, call call_\w+\]\n18 °C/);
    expect(results).toMatch(/\[Tool result of get_time \{"city":"Paris"\}, call call_\w+\]\n10:00/);
    expect(sentContent(third!)).toMatch(/\[Tool result of get_weather \{"city":"Rome"\}, call call_\w+\]\n24 °C/);
  });
});
