import { isModelAllowed } from './model-allowlist';

describe(isModelAllowed.name, () => {
  it('allows every model without a list', () => {
    expect(isModelAllowed(null, 'anything')).toBe(true);
  });

  it('matches exact names and * patterns, nothing else', () => {
    const allowed = ['qwen3-max', 'qwen3-coder-*', '*-mini'];
    expect(isModelAllowed(allowed, 'qwen3-max')).toBe(true);
    expect(isModelAllowed(allowed, 'qwen3-coder-plus')).toBe(true);
    expect(isModelAllowed(allowed, 'gpt-4o-mini')).toBe(true);
    expect(isModelAllowed(allowed, 'qwen3-max-preview')).toBe(false);
    expect(isModelAllowed(allowed, 'QWEN3-MAX')).toBe(false);
    expect(isModelAllowed([], 'qwen3-max')).toBe(false);
  });

  it('treats regular-expression characters in names literally', () => {
    expect(isModelAllowed(['qwen3.5-plus'], 'qwen3x5-plus')).toBe(false);
    expect(isModelAllowed(['qwen3.5-*'], 'qwen3.5-plus')).toBe(true);
    expect(isModelAllowed(['(a|b)*'], 'a')).toBe(false);
  });
});
