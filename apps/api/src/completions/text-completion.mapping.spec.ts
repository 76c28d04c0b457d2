import { TextCompletionChunkMapper } from './text-completion.mapping';

const identity = { id: 'cmpl-1', model: 'qwen3-max', created: 1_772_726_060 };

describe(TextCompletionChunkMapper.name, () => {
  it('sends text deltas only, then the finish reason, then usage when asked', () => {
    const sut = new TextCompletionChunkMapper({ ...identity, includeUsage: true });
    const chunks = [
      ...sut.map({ type: 'response-start', model: 'qwen3-max', provider: 'qwen-web' }),
      ...sut.map({ type: 'reasoning-delta', text: 'hidden' }),
      ...sut.map({ type: 'text-delta', text: 'Hi' }),
      ...sut.map({ type: 'usage', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }),
      ...sut.map({ type: 'finish', reason: 'stop', truncated: true }),
      ...sut.end(),
    ];
    expect(chunks.map((chunk) => chunk.choices[0]?.text)).toEqual(['Hi', '', undefined]);
    expect(chunks[1]!.choices[0]!.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({ object: 'text_completion', choices: [], usage: { total_tokens: 2 } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });
});
