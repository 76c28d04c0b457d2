import { BadRequestError, type ChatRequest } from '@qwen-proxy/contracts';
import { toolUseOf } from './tool-use';

const request = (overrides: Partial<ChatRequest>): ChatRequest => ({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hi' }], stream: false, ...overrides });
const tools = [{ name: 'a' }, { name: 'b' }];

describe(toolUseOf.name, () => {
  it('offers nothing without tools or with tool_choice none', () => {
    expect(toolUseOf(request({}))).toBeUndefined();
    expect(toolUseOf(request({ tools, toolChoice: 'none' }))).toBeUndefined();
  });

  it('offers every tool by default, only the named one when one is named', () => {
    expect(toolUseOf(request({ tools }))!.tools.map((tool) => tool.name)).toEqual(['a', 'b']);
    const named = toolUseOf(request({ tools, toolChoice: { name: 'b' } }))!;
    expect(named.tools.map((tool) => tool.name)).toEqual(['b']);
    expect(named.section).toContain('You must call the tool "b"');
  });

  it('refuses a choice it cannot honour', () => {
    expect(() => toolUseOf(request({ tools, toolChoice: { name: 'c' } }))).toThrow(BadRequestError);
    expect(() => toolUseOf(request({ toolChoice: 'required' }))).toThrow(BadRequestError);
  });
});
