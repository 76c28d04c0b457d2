import { estimateUsage, estimateUsageWith, joinTokenizers } from './usage-estimation';

describe(estimateUsage.name, () => {
  it('counts real tokens, never zeros, and says it estimated with o200k', () => {
    const usage = estimateUsage({ prompt: 'What is the capital of France?', answer: 'Paris is the capital of France.' });
    expect(usage.inputTokens).toBe(7);
    expect(usage.outputTokens).toBe(7);
    expect(usage.totalTokens).toBe(14);
    expect(usage.estimated).toBe(true);
    expect(usage.estimatedBy).toBe('o200k');
  });

  it('counts reasoning as output and reports it apart', () => {
    const usage = estimateUsage({ prompt: 'Hi', answer: 'Hello', reasoning: 'The user greets me.' });
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBe(1 + usage.reasoningTokens!);
  });
});

describe(estimateUsageWith.name, () => {
  it("names the counter's tokenizer, and both when a part fell back to the sampled o200k estimate", async () => {
    const qwen = { estimateWithTokenizer: async (text: string) => ({ tokens: text.length, tokenizer: 'qwen3' as const }) };
    await expect(estimateUsageWith(qwen, { prompt: 'abc', answer: 'de' })).resolves.toEqual({ inputTokens: 3, outputTokens: 2, totalTokens: 5, estimated: true, estimatedBy: 'qwen3' });
    const fellBack = { estimateWithTokenizer: async (text: string) => ({ tokens: 1, tokenizer: text === 'long' ? ('o200k' as const) : ('qwen3' as const) }) };
    expect((await estimateUsageWith(fellBack, { prompt: 'long', answer: 'short' })).estimatedBy).toBe('o200k+qwen3');
    expect(joinTokenizers(['qwen3', undefined, 'o200k+qwen3'])).toBe('o200k+qwen3');
  });
});
