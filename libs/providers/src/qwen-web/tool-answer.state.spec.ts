import type { ChatEvent } from '@qwen-proxy/contracts';
import { ToolAnswerState } from './tool-answer.state';
import { ToolCallValidator } from './tool-call.validator';

const tools = [
  { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'get_time', parameters: { type: 'object', properties: {} } },
];
const block = (body: string) => `\`\`\`tool_call\n${body}\n\`\`\`\n`;

function sequentialIds(): () => string {
  let next = 0;
  return () => `call_${++next}`;
}

function run(sut: ToolAnswerState, answer: string): ChatEvent[] {
  return [...sut.push(answer), ...sut.end()];
}

describe(ToolAnswerState.name, () => {
  it('turns valid calls into start, delta, end events with indexes in order', () => {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto', sequentialIds());
    const events = run(sut, `Checking.\n${block('{"name":"get_weather","arguments":{"city":"Oslo"}}')}${block('{"name":"get_time","arguments":{}}')}`);
    expect(events).toEqual([
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Oslo"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'get_time' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 1 },
    ]);
    expect(sut.verdict()).toEqual({ kind: 'complete' });
    expect(sut.text).toBe('Checking.');
    expect(sut.calls.map((call) => call.name)).toEqual(['get_weather', 'get_time']);
  });

  it('asks for one repair of an invalid call, then continues the indexes', () => {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto', sequentialIds());
    run(sut, `${block('{"name":"get_time","arguments":{}}')}${block('{"name":"get_weather","arguments":{}}')}`);
    const verdict = sut.verdict();
    expect(verdict).toMatchObject({ kind: 'repair', problems: [{ name: 'get_weather', reason: expect.stringContaining("'city'") }] });

    sut.beginRepair();
    const events = run(sut, block('{"name":"get_weather","arguments":{"city":"Oslo"}}'));
    expect(events[0]).toEqual({ type: 'tool-call-start', index: 1, id: 'call_2', name: 'get_weather' });
    expect(sut.verdict()).toEqual({ kind: 'complete' });
  });

  it('fails when the repair is broken too', () => {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto');
    run(sut, block('{"name":"nope"}'));
    sut.beginRepair();
    run(sut, block('{"name":"nope"}'));
    expect(sut.verdict()).toMatchObject({ kind: 'failed', problems: [{ name: 'nope' }] });
  });

  it('with auto, keeps an answer in words after a failed repair', () => {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto');
    run(sut, block('{"name":"nope"}'));
    sut.beginRepair();
    expect(run(sut, 'I cannot call that.')).toEqual([{ type: 'text-delta', text: 'I cannot call that.' }]);
    expect(sut.verdict()).toEqual({ kind: 'complete' });
  });

  it('asks again when a call is required (or named) and none came', () => {
    const required = new ToolAnswerState(new ToolCallValidator(tools), 'required');
    run(required, 'The weather is fine.');
    expect(required.verdict()).toEqual({ kind: 'repair', problems: [], missingCall: 'required' });
    required.beginRepair();
    const events = run(required, 'Still no call.');
    expect(events).toEqual([{ type: 'text-delta', text: '\n\nStill no call.' }]);
    expect(required.verdict()).toMatchObject({ kind: 'failed', missingCall: 'required' });

    const named = new ToolAnswerState(new ToolCallValidator(tools), { name: 'get_time' });
    run(named, 'No.');
    expect(named.verdict()).toMatchObject({ kind: 'repair', missingCall: { name: 'get_time' } });
  });

  it('reports an unclosed block', () => {
    const sut = new ToolAnswerState(new ToolCallValidator(tools), 'auto');
    run(sut, '```tool_call\n{"name":"get_time"');
    expect(sut.verdict()).toMatchObject({ kind: 'repair', problems: [{ reason: expect.stringContaining('ended inside') }] });
  });
});
