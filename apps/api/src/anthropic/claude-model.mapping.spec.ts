import { standInModelFor } from './claude-model.mapping';

describe(standInModelFor.name, () => {
  it('maps a Claude name to the default stand-in when no alias names one', () => {
    expect(standInModelFor('claude-sonnet-4-5', {})).toBeUndefined();
    expect(standInModelFor('claude-haiku-4-5-20251001', {})).toBeUndefined();
  });

  it("prefers the model's own alias, then the claude-* alias", () => {
    const aliases = { 'claude-haiku-4-5': 'qwen3.5-plus', 'claude-*': 'qwen3-coder-plus' };
    expect(standInModelFor('claude-haiku-4-5', aliases)).toBe('qwen3.5-plus');
    expect(standInModelFor('claude-opus-4-1', aliases)).toBe('qwen3-coder-plus');
  });

  it('leaves other names alone, aliased or not', () => {
    expect(standInModelFor('qwen3-max', {})).toBe('qwen3-max');
    expect(standInModelFor('gpt-4o', { 'gpt-4o': 'qwen3-max' })).toBe('qwen3-max');
  });
});
