import { mapOpenAiUsage } from './openai-usage.mapping';

describe(mapOpenAiUsage.name, () => {
  it('maps counts and reasoning tokens', () => {
    expect(
      mapOpenAiUsage({ prompt_tokens: 12, completion_tokens: 30, total_tokens: 42, completion_tokens_details: { reasoning_tokens: 20 } }),
    ).toEqual({ inputTokens: 12, outputTokens: 30, totalTokens: 42, reasoningTokens: 20 });
  });

  it('fills a missing total or completion count from the others', () => {
    expect(mapOpenAiUsage({ prompt_tokens: 5, completion_tokens: 7, total_tokens: undefined, completion_tokens_details: undefined })).toEqual({
      inputTokens: 5,
      outputTokens: 7,
      totalTokens: 12,
    });
    expect(mapOpenAiUsage({ prompt_tokens: 5, completion_tokens: undefined, total_tokens: 9, completion_tokens_details: undefined })).toEqual({
      inputTokens: 5,
      outputTokens: 4,
      totalTokens: 9,
    });
  });

  it('is undefined when nothing is counted', () => {
    expect(mapOpenAiUsage({ prompt_tokens: undefined, completion_tokens: undefined, total_tokens: undefined, completion_tokens_details: undefined })).toBeUndefined();
  });
});
