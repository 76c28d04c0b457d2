import { openAiChunkSchema, openAiCompletionSchema } from './openai-chunk.schema';

describe('openAiChunkSchema', () => {
  it('reads a chunk as OpenAI sends it, dropping what it does not use', () => {
    const chunk = openAiChunkSchema.parse({
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
    const result = openAiChunkSchema.safeParse({
      id: 42,
      choices: [{ index: 0, delta: { content: 'kept', reasoning: { effort: 'high' } }, finish_reason: 7 }],
      usage: 'lots',
    });
    expect(result.success).toBe(true);
    const chunk = result.success ? result.data : undefined;
    expect(chunk?.id).toBeUndefined();
    expect(chunk?.usage).toBeUndefined();
    expect(chunk?.choices?.[0].delta?.content).toBe('kept');
    expect(chunk?.choices?.[0].delta?.reasoning).toBeUndefined();
    expect(chunk?.choices?.[0].finish_reason).toBeUndefined();
  });

  it('keeps the good tool calls of a list with a bad one', () => {
    const chunk = openAiChunkSchema.parse({
      choices: [{ delta: { tool_calls: ['junk', { index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }] } }],
    });
    expect(chunk.choices?.[0].delta?.tool_calls).toEqual([{ index: 0, id: 'call_1', type: undefined, function: { name: 'f', arguments: '{}' } }]);
  });

  it('reads an error given as a bare string', () => {
    expect(openAiChunkSchema.parse({ error: 'boom' }).error).toMatchObject({ message: 'boom' });
  });

  it('rejects what is not an object at all', () => {
    expect(openAiChunkSchema.safeParse('[DONE]').success).toBe(false);
    expect(openAiChunkSchema.safeParse(null).success).toBe(false);
  });
});

describe('openAiCompletionSchema', () => {
  it('reads the message of a completion with the delta schema', () => {
    const completion = openAiCompletionSchema.parse({
      id: 'c',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', tool_calls: [] }, finish_reason: 'stop' }],
    });
    expect(completion.choices?.[0].message?.content).toBe('Hi');
    expect(completion.choices?.[0].finish_reason).toBe('stop');
  });
});
