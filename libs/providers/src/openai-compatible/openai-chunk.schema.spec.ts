import { readOpenAiChunk, readOpenAiCompletion } from './openai-chunk.schema';

describe(readOpenAiChunk.name, () => {
  it('reads a chunk as OpenAI sends it, dropping what it does not use', () => {
    const chunk = readOpenAiChunk({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o',
      system_fingerprint: 'fp_1',
      service_tier: 'default',
      obfuscation: 'abc',
      choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, logprobs: { content: [] }, finish_reason: null }],
      usage: null,
    });
    expect(chunk).toEqual({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            content: 'Hi',
            reasoning_content: undefined,
            reasoning: undefined,
            refusal: undefined,
            tool_calls: undefined,
            function_call: undefined,
            annotations: undefined,
          },
          finish_reason: undefined,
        },
      ],
      usage: undefined,
      citations: undefined,
      search_results: undefined,
      error: undefined,
    });
  });

  it('reads a field of the wrong type as absent instead of failing the chunk', () => {
    const chunk = readOpenAiChunk({
      id: 42,
      choices: [{ index: 0, delta: { content: 'kept', reasoning: { effort: 'high' } }, finish_reason: 7 }],
      usage: 'lots',
    });
    expect(chunk).toBeDefined();
    expect(chunk?.id).toBeUndefined();
    expect(chunk?.usage).toBeUndefined();
    expect(chunk?.choices?.[0].delta?.content).toBe('kept');
    expect(chunk?.choices?.[0].delta?.reasoning).toBeUndefined();
    expect(chunk?.choices?.[0].finish_reason).toBeUndefined();
  });

  it('keeps the good tool calls of a list with a bad one', () => {
    const chunk = readOpenAiChunk({
      choices: [{ delta: { tool_calls: ['junk', { index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }] } }],
    });
    expect(chunk?.choices?.[0].delta?.tool_calls).toEqual([{ index: 0, id: 'call_1', type: undefined, function: { name: 'f', arguments: '{}' } }]);
  });

  it('reads an error given as a bare string', () => {
    expect(readOpenAiChunk({ error: 'boom' })?.error).toMatchObject({ message: 'boom' });
  });

  it('reads a tool-call index only as a non-negative integer, and object arguments as JSON text', () => {
    const chunk = readOpenAiChunk({
      choices: [{ delta: { tool_calls: [{ index: -1 }, { index: 1.5 }, { index: 2, function: { arguments: { city: 'Paris' } } }] } }],
    });
    expect(chunk?.choices?.[0].delta?.tool_calls?.map((call) => call.index)).toEqual([undefined, undefined, 2]);
    expect(chunk?.choices?.[0].delta?.tool_calls?.[2].function?.arguments).toBe('{"city":"Paris"}');
  });

  it('joins the text parts of a content list, a part without a type counting as text', () => {
    const chunk = readOpenAiChunk({
      choices: [{ delta: { content: [{ type: 'text', text: 'a' }, { type: 'thinking', text: 'x' }, { text: 'b' }, 'junk', { type: 'text' }] } }],
    });
    expect(chunk?.choices?.[0].delta?.content).toBe('ab');
  });

  it('reads a numeric error code as a number, and an infinite count as absent', () => {
    const chunk = readOpenAiChunk(JSON.parse('{"error":{"message":"slow down","code":429},"usage":{"prompt_tokens":1e999,"completion_tokens":2}}'));
    expect(chunk?.error).toEqual({ message: 'slow down', code: 429, type: undefined, param: undefined, status: undefined });
    expect(chunk?.usage).toEqual({ prompt_tokens: undefined, completion_tokens: 2, total_tokens: undefined, completion_tokens_details: undefined });
  });

  it('rejects what is not an object at all', () => {
    expect(readOpenAiChunk('[DONE]')).toBeUndefined();
    expect(readOpenAiChunk(null)).toBeUndefined();
  });
});

describe(readOpenAiCompletion.name, () => {
  it('reads the message of a completion as a delta', () => {
    const completion = readOpenAiCompletion({
      id: 'c',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', tool_calls: [] }, finish_reason: 'stop' }],
    });
    expect(completion?.choices?.[0].message?.content).toBe('Hi');
    expect(completion?.choices?.[0].finish_reason).toBe('stop');
  });
});
