import type OpenAI from 'openai';
import { startTestStack, type TestStack } from './support/test-stack';

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather of a city.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/** The README's "Try it offline" tool demo: the fake's scripted model calls a declared tool through the product. */
describe('a tool call without a real account ([[tool-call]] on the fake)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('calls the declared tool, then answers with its result, continuing the same Qwen chat', async () => {
    const question: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris? [[tool-call]]' };
    const first = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [question], tools: [weatherTool] });
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    const call = first.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"example"}' });

    const second = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      tools: [weatherTool],
      messages: [question, first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '18 °C, sunny' }],
    });
    expect(second.choices[0]!.message.content).toBe('Done. The tool answered: 18 °C, sunny');
    const completions = stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions'));
    expect(new Set(completions.map((request) => request.query['chat_id'])).size).toBe(1);
  });

  it('says so when the request declared no tool, and leaves messages without the magic word to the default answer', async () => {
    const none = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Weather? [[tool-call]]' }] });
    expect(none.choices[0]!.message.content).toBe('There is no tool to call: this request declared none.');
    const plain = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(plain.choices[0]!.message.content).toContain('You said: "Weather in Paris?"');
  });
});
