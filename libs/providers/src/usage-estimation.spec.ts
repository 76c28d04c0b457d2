import { estimateUsage } from './usage-estimation';

describe(estimateUsage.name, () => {
  it('counts real tokens, never zeros, and says it estimated', () => {
    const usage = estimateUsage({ prompt: 'What is the capital of France?', answer: 'Paris is the capital of France.' });
    expect(usage.inputTokens).toBe(7);
    expect(usage.outputTokens).toBe(7);
    expect(usage.totalTokens).toBe(14);
    expect(usage.estimated).toBe(true);
  });

  it('counts reasoning as output and reports it apart', () => {
    const usage = estimateUsage({ prompt: 'Hi', answer: 'Hello', reasoning: 'The user greets me.' });
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBe(1 + usage.reasoningTokens!);
  });
});
