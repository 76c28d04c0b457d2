import type { ChatEvent } from '@qwen-proxy/contracts';
import { ToolAnswerState } from './tool-answer.state';
import { ToolCallValidator } from './tool-call.validator';

const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }];

function sequentialIds(): () => string {
  let next = 0;
  return () => `call_${++next}`;
}

/** The answer fed whole, and split at every character boundary: the result must not depend on how it streamed. */
function everySplit(answer: string): { text: string; calls: { name: string; arguments: string }[] }[] {
  const results = [];
  for (let cut = 0; cut <= answer.length; cut++) {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto', sequentialIds());
    const events: ChatEvent[] = [...sut.push(answer.slice(0, cut)), ...sut.push(answer.slice(cut)), ...sut.end()];
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    results.push({ text, calls: sut.calls.map((call) => ({ name: call.name, arguments: call.arguments })) });
  }
  return results;
}

function expectEverySplit(answer: string, expected: { text: string; calls: { name: string; arguments: string }[] }): void {
  for (const result of everySplit(answer)) expect(result).toEqual(expected);
}

const paris = { name: 'get_weather', arguments: '{"city":"Paris"}' };

describe('tool calls in the forms Qwen models drift to', () => {
  it("takes Qwen's native <tool_call> block (multi-line or on one line) as a call", () => {
    expectEverySplit('Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n', { text: 'Let me check.', calls: [paris] });
    expectEverySplit('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>', { text: '', calls: [paris] });
  });

  it('takes a ```json block holding exactly a call of a declared tool as a call, several in a row too', () => {
    expectEverySplit('I will call it.\n```json\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```\n', { text: 'I will call it.', calls: [paris] });
    expectEverySplit('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>', {
      text: '',
      calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }, paris],
    });
  });

  it('leaves XML, HTML and answers about tool calling as the text they are', () => {
    const cases = [
      // An undeclared tool: an example in an answer about the format.
      'Qwen writes calls like this:\n<tool_call>\n{"name": "search", "arguments": {"q": "x"}}\n</tool_call>\nThat is its training format.',
      // A declared tool but arguments that fail its schema.
      '<tool_call>\n{"name": "get_weather", "arguments": {"town": "Paris"}}\n</tool_call>',
      // Something else in the block besides the call.
      '```json\n{"name": "get_weather", "arguments": {"city": "Paris"}, "id": 1}\n```',
      // Ordinary JSON and XML.
      'The response looks like:\n```json\n{"city": "Paris", "temperature": 18}\n```\n',
      '<tool_call>not json</tool_call> is an XML element.',
      '<div>\n<p>Hello</p>\n</div>',
      '<tool_calls>\n<item/>\n</tool_calls>',
      // A valid call followed by more words: the answer shows the format, it does not call.
      'A call looks like this:\n```json\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```\nThe proxy turns it into tool_calls.',
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\nBoth are examples.',
      // After a block that went out as text, a valid one is text too.
      'Here is markup:\n<tool_call>{"name":"get_weather","arguments":{"city":"x"}}</tool_call>\n<div class="tool_call">hi</div>\n```json\n{"name": "get_weather", "arguments": {"city": "x"}}\n```',
      // Never closed.
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}',
    ];
    for (const answer of cases) expectEverySplit(answer, { text: answer.trim(), calls: [] });
  });

  it('still takes the protocol block, and an answer with both forms gets both calls in order', () => {
    const answer = '```tool_call\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n```\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
    expectEverySplit(answer, { text: '', calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }, paris] });
  });
});
