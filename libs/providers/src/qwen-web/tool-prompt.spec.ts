import type { ChatMessage } from '@qwen-proxy/contracts';
import { renderRepairMessage, renderToolResult, renderToolsSection, toolCallsById } from './tool-prompt';

const weather = { name: 'get_weather', description: 'Current weather of a city.', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

describe(renderToolsSection.name, () => {
  it('lists each tool with its schema and says exactly how to call, several times if needed', () => {
    const section = renderToolsSection([weather], 'auto');
    expect(section).toContain('- get_weather: Current weather of a city.');
    expect(section).toContain('Arguments schema: {"type":"object","properties":{"city":{"type":"string"}}}');
    expect(section).toContain('```tool_call\n{"name": "get_weather", "arguments": {"argument": "value"}}\n```');
    expect(section).toContain('several blocks');
    expect(section).toContain('Call a tool only when it helps');
  });

  it('states the tool choice', () => {
    expect(renderToolsSection([weather], 'required')).toContain('You must call at least one tool');
    expect(renderToolsSection([weather], { name: 'get_weather' })).toContain('You must call the tool "get_weather"');
  });
});

describe(renderToolResult.name, () => {
  it('labels a result with its call id, tool name and arguments', () => {
    const history: ChatMessage[] = [{ role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city": "Oslo"}' }] }];
    const result: ChatMessage = { role: 'tool', content: '-3 °C', toolCallId: 'call_1' };
    expect(renderToolResult(result, toolCallsById(history))).toBe('[Tool result of get_weather {"city":"Oslo"}, call call_1]\n-3 °C');
    expect(renderToolResult({ role: 'tool', content: 'x', toolCallId: 'call_9' }, new Map())).toBe('[Tool result, call call_9]\nx');
  });
});

describe(renderRepairMessage.name, () => {
  it('says what was wrong with each call', () => {
    const message = renderRepairMessage([{ name: 'get_weather', reason: 'the arguments do not match the schema' }], undefined);
    expect(message).toContain('- get_weather: the arguments do not match the schema');
    expect(message).toContain('```tool_call');
  });

  it('asks for the missing call', () => {
    expect(renderRepairMessage([], 'required')).toContain('You must call at least one tool now');
    expect(renderRepairMessage([], { name: 'get_weather' })).toContain('You must call the tool "get_weather" now');
  });
});
