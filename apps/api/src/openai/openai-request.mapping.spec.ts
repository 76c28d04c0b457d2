import { BadRequestError } from '@qwen-proxy/contracts';
import type { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';
import { toChatRequest } from './openai-request.mapping';

const body = (overrides: Partial<ChatCompletionRequestDto>): ChatCompletionRequestDto =>
  ({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hi' }], ...overrides }) as ChatCompletionRequestDto;

const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather.', parameters: { type: 'object' } } };

describe(toChatRequest.name, () => {
  it('maps function tools and every form of tool_choice', () => {
    expect(toChatRequest(body({ tools: [weather] })).tools).toEqual([{ name: 'get_weather', description: 'Weather.', parameters: { type: 'object' } }]);
    expect(toChatRequest(body({ tools: [weather], tool_choice: 'required' })).toolChoice).toBe('required');
    expect(toChatRequest(body({ tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } })).toolChoice).toEqual({ name: 'get_weather' });
  });

  it('refuses malformed tools and a choice naming an undeclared tool', () => {
    expect(() => toChatRequest(body({ tools: [{ type: 'function', function: { name: 'has space' } }] }))).toThrow(BadRequestError);
    expect(() => toChatRequest(body({ tools: [{ type: 'retrieval' }] }))).toThrow(BadRequestError);
    expect(() => toChatRequest(body({ tools: [weather], tool_choice: { type: 'function', function: { name: 'other' } } }))).toThrow(BadRequestError);
  });

  it('resolves model suffixes into the base model and switches', () => {
    expect(toChatRequest(body({ model: 'qwen3-max-thinking' }))).toMatchObject({ model: 'qwen3-max', reasoning: { enabled: true } });
    expect(toChatRequest(body({ model: 'qwen3-max-fast', reasoning_effort: 'high' }))).toMatchObject({ model: 'qwen3-max', reasoning: { enabled: false } });
    expect(toChatRequest(body({ model: 'qwen3-max-search' }))).toMatchObject({ model: 'qwen3-max', webSearch: true });
  });

  it('reads the thinking and search options', () => {
    expect(toChatRequest(body({ thinking: { type: 'enabled', budget_tokens: 100 } })).reasoning).toEqual({ enabled: true, budgetTokens: 100 });
    expect(toChatRequest(body({ thinking: { type: 'disabled' } })).reasoning).toEqual({ enabled: false });
    expect(toChatRequest(body({ reasoning_effort: 'medium' })).reasoning).toEqual({ enabled: true, budgetTokens: 8192 });
    expect(toChatRequest(body({ web_search_options: {} })).webSearch).toBe(true);
    expect(toChatRequest(body({ web_search: true })).webSearch).toBe(true);
    expect(toChatRequest(body({})).webSearch).toBeUndefined();
  });
});
