import { countTextTokens } from '../token-count';
import { TokenCounter } from './token-counter';
import { TokenizerFailure } from './tokenizer-worker-pool';

describe(TokenCounter.name, () => {
  const pool = { count: jest.fn<Promise<number>, [string]>(), close: jest.fn(async () => undefined) };
  const sut = new TokenCounter({ inlineMaxChars: 100, maxInputChars: 1_000, pool });
  beforeEach(() => pool.count.mockReset());

  it('counts a short text inline, a long one on the pool', async () => {
    pool.count.mockResolvedValue(42);
    await expect(sut.count('Hello world')).resolves.toBe(countTextTokens('Hello world'));
    expect(pool.count).not.toHaveBeenCalled();
    await expect(sut.count('word '.repeat(50))).resolves.toBe(42);
  });

  it('refuses to count a text over the input cap with a 413', async () => {
    await expect(sut.count('x'.repeat(1_001))).rejects.toMatchObject({ status: 413, code: 'token_count_too_large' });
    expect(pool.count).not.toHaveBeenCalled();
  });

  it('reports a count past the time limit as a retryable 503', async () => {
    pool.count.mockRejectedValue(new TokenizerFailure('timeout', 'Counting the tokens took longer than 5 ms.'));
    await expect(sut.count('word '.repeat(50))).rejects.toMatchObject({ status: 503, code: 'tokenizer_timeout', retryable: true });
  });

  it('estimates instead of failing, from samples of the text', async () => {
    pool.count.mockRejectedValue(new TokenizerFailure('timeout', 'too slow'));
    const text = 'word '.repeat(50);
    await expect(sut.estimate(text)).resolves.toBe(countTextTokens(text));
    const huge = 'Lorem ipsum dolor sit amet. '.repeat(2_000);
    const estimate = await sut.estimate(huge);
    expect(Math.abs(estimate - countTextTokens(huge)) / countTextTokens(huge)).toBeLessThan(0.02);
  });
});
