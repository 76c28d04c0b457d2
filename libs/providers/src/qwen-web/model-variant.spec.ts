import type { ChatRequest } from '@qwen-proxy/contracts';
import { applyModelVariant, parseModelVariant, variantSuffixesOf, withLockedThinking } from './model-variant';

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

  it('offers no -fast for a model that cannot stop thinking (B2)', () => {
    expect(variantSuffixesOf({ thinking: true, thinkingLocked: true, search: true })).toEqual(['-thinking', '-search']);
  });
});

describe(withLockedThinking.name, () => {
  const locked = new Set(['qwen3.8-max']);
  const base: ChatRequest = { model: 'qwen3.8-max', messages: [], stream: false };

  it('turns thinking on for a locked model, whether the request said nothing or asked for it off', () => {
    expect(withLockedThinking(base, locked).reasoning).toEqual({ enabled: true });
    expect(withLockedThinking({ ...base, reasoning: { enabled: false } }, locked).reasoning).toEqual({ enabled: true });
  });

  it('keeps a budget asked for, and leaves other models alone', () => {
    const budget: ChatRequest = { ...base, reasoning: { enabled: true, budgetTokens: 256 } };
    expect(withLockedThinking(budget, locked)).toBe(budget);
    const other: ChatRequest = { ...base, model: 'qwen3.7-plus', reasoning: { enabled: false } };
    expect(withLockedThinking(other, locked)).toBe(other);
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
