import type { Provider } from '../../core/api/api-types';
import { parseHeaders, toProviderForm, toProviderInput } from './provider-form';

describe('provider form', () => {
  it('builds a create body from the form', () => {
    const value = { ...toProviderForm(null), name: ' LM Studio ', baseUrl: 'http://127.0.0.1:1234/v1/', models: 'a, b\nc', headers: 'X-One: 1', apiKey: 'sk', connectMs: 500 };
    expect(toProviderInput(value, null)).toEqual({
      type: 'openai-compatible',
      name: 'LM Studio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      models: ['a', 'b', 'c'],
      modelPatterns: [],
      headers: { 'X-One': '1' },
      priority: 100,
      weight: 1,
      enabled: true,
      timeouts: { connectMs: 500 },
      apiKey: 'sk',
    });
  });

  it('keeps the stored key on edit and only sends routing fields for the built-in provider', () => {
    const builtIn = { id: 'qwen-web', builtIn: true, models: [], modelPatterns: [], headers: {}, timeouts: {}, priority: 1, weight: 2, enabled: true } as unknown as Provider;
    expect(toProviderInput({ ...toProviderForm(builtIn), priority: 5 }, builtIn)).toEqual({ enabled: true, priority: 5, weight: 2 });
  });

  it('refuses a header line without a colon', () => {
    expect(() => parseHeaders('nope')).toThrow('"nope" is not "Name: value".');
  });
});
