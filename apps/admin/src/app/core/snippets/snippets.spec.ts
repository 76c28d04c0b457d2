import { curlSnippet, javascriptSnippet, pythonSnippet } from './snippets';

describe('snippets', () => {
  const options = { baseUrl: 'http://127.0.0.1:3000', model: 'qwen3-max', apiKey: 'anything' };

  it('use the real base URL, model and key', () => {
    for (const snippet of [curlSnippet(options), pythonSnippet(options), javascriptSnippet(options)]) {
      expect(snippet).toContain('http://127.0.0.1:3000');
      expect(snippet).toContain('qwen3-max');
      expect(snippet).toContain('anything');
    }
    expect(curlSnippet(options)).toContain('http://127.0.0.1:3000/v1/chat/completions');
    expect(pythonSnippet(options)).toContain('base_url="http://127.0.0.1:3000/v1"');
  });
});
