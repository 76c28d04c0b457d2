import { applyChunk, emptyTurn } from './chat-accumulator';

describe(applyChunk.name, () => {
  it('builds content, reasoning, tool calls, finish and usage from stream chunks', () => {
    const chunks = [
      { model: 'qwen3-max', choices: [{ delta: { reasoning_content: 'Thinking ' } }] },
      { choices: [{ delta: { reasoning_content: 'hard.' } }] },
      { choices: [{ delta: { content: 'Hel' } }] },
      { choices: [{ delta: { content: 'lo' } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'get_weather', arguments: '{"ci' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }, finish_reason: 'tool_calls' }] },
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } },
    ];
    const turn = chunks.reduce(applyChunk, emptyTurn());
    expect(turn).toEqual({
      content: 'Hello',
      reasoning: 'Thinking hard.',
      toolCalls: [{ index: 0, id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      finishReason: 'tool_calls',
      model: 'qwen3-max',
      usage: { promptTokens: 3, completionTokens: 5, totalTokens: 8 },
      error: null,
    });
  });

  it('reads a whole non-streamed completion and a mid-stream error', () => {
    const whole = applyChunk(emptyTurn(), { choices: [{ message: { content: 'Hi' }, finish_reason: 'stop' }] });
    expect(whole.content).toBe('Hi');
    expect(whole.finishReason).toBe('stop');
    expect(applyChunk(whole, { error: { message: 'upstream failed' } }).error).toBe('upstream failed');
    expect(applyChunk(whole, 'garbage')).toBe(whole);
  });
});
