import { countTextTokens } from '@qwen-proxy/providers';
import { estimatePromptTokens, requestedMaxOutputTokens } from './request-token-estimate';

describe(estimatePromptTokens.name, () => {
  it('counts the text of every surface, not identifiers or inline files', () => {
    const chat = { model: 'qwen3-max', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(10_000)}` } }] }] };
    expect(estimatePromptTokens(chat)).toBe(countTextTokens('Hello there'));
    const anthropic = { model: 'claude-sonnet-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] };
    expect(estimatePromptTokens(anthropic)).toBe(countTextTokens('Be brief.\nHi'));
    expect(estimatePromptTokens({ model: 'qwen3-max', instructions: 'Be kind.', input: 'Hello' })).toBe(countTextTokens('Be kind.\nHello'));
  });

  it('counts an embeddings input: its text without the encoding switch, and token ids one each', () => {
    expect(estimatePromptTokens({ model: 'text-embedding-3-small', input: ['Hello there', 'Bye'], encoding_format: 'base64' })).toBe(countTextTokens('Hello there\nBye'));
    expect(estimatePromptTokens({ model: 'text-embedding-3-small', input: [1, 2, 3] })).toBe(3);
    expect(estimatePromptTokens({ model: 'text-embedding-3-small', input: [[1, 2], [3, 4, 5]], dimensions: 256 })).toBe(5);
  });

  it('estimates a huge body without tokenizing it', () => {
    expect(estimatePromptTokens({ prompt: 'x'.repeat(3_000_000) })).toBe(1_000_000);
  });

  it('reads the answer length under any surface name', () => {
    expect(requestedMaxOutputTokens({ max_tokens: 30 })).toBe(30);
    expect(requestedMaxOutputTokens({ max_completion_tokens: 40, max_tokens: 30 })).toBe(40);
    expect(requestedMaxOutputTokens({ max_output_tokens: 50 })).toBe(50);
    expect(requestedMaxOutputTokens({ max_tokens: 0 })).toBeUndefined();
  });
});
