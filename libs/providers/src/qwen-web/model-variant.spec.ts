import type { ChatRequest } from '@qwen-proxy/contracts';
import { applyModelVariant, parseModelVariant, variantSuffixesOf } from './model-variant';

describe(parseModelVariant.name, () => {
  it('reads each suffix', () => {
    expect(parseModelVariant('qwen3-max-thinking')).toEqual({ model: 'qwen3-max', thinking: true });
    expect(parseModelVariant('qwen3-max-fast')).toEqual({ model: 'qwen3-max', thinking: false });
    expect(parseModelVariant('qwen3.5-plus-search')).toEqual({ model: 'qwen3.5-plus', search: true });
  });

  it('combines suffixes in any order', () => {
    expect(parseModelVariant('qwen3-max-thinking-search')).toEqual({ model: 'qwen3-max', thinking: true, search: true });
    expect(parseModelVariant('qwen3-max-search-fast')).toEqual({ model: 'qwen3-max', thinking: false, search: true });
  });

  it('leaves plain ids and other providers’ names alone', () => {
    expect(parseModelVariant('qwen3-max')).toEqual({ model: 'qwen3-max' });
    expect(parseModelVariant('llama-3-fast')).toEqual({ model: 'llama-3-fast' });
    expect(parseModelVariant('qwen/qwen3-coder-fast')).toEqual({ model: 'qwen/qwen3-coder-fast' });
  });
});

describe(variantSuffixesOf.name, () => {
  it('offers what the capabilities allow', () => {
    expect(variantSuffixesOf({ thinking: true, search: true })).toEqual(['-thinking', '-fast', '-search']);
    expect(variantSuffixesOf({ search: true })).toEqual(['-search']);
    expect(variantSuffixesOf(undefined)).toEqual([]);
  });
});

describe(applyModelVariant.name, () => {
  const base: ChatRequest = { model: 'qwen3-max', messages: [], stream: false };

  it('leaves a plain model untouched', () => {
    expect(applyModelVariant(base)).toBe(base);
  });

  it('lets the suffix decide on/off and keeps a budget asked for', () => {
    expect(applyModelVariant({ ...base, model: 'qwen3-max-thinking', reasoning: { enabled: false } })).toMatchObject({ model: 'qwen3-max', reasoning: { enabled: true } });
    expect(applyModelVariant({ ...base, model: 'qwen3-max-thinking', reasoning: { enabled: true, budgetTokens: 512 } }).reasoning).toEqual({ enabled: true, budgetTokens: 512 });
    expect(applyModelVariant({ ...base, model: 'qwen3-max-fast', reasoning: { enabled: true, budgetTokens: 512 } }).reasoning).toEqual({ enabled: false });
    expect(applyModelVariant({ ...base, model: 'qwen3-max-search' })).toMatchObject({ model: 'qwen3-max', webSearch: true });
  });
});
