import { mapOpenAiFinishReason } from './openai-finish-reason.mapping';

describe(mapOpenAiFinishReason.name, () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    // Non-OpenAI servers: vLLM/TGI, Anthropic-style relays, and anything new.
    ['max_tokens', 'length'],
    ['model_length', 'length'],
    ['eos', 'stop'],
    ['end_turn', 'stop'],
    [undefined, 'stop'],
  ])('%s → %s', (reason, expected) => {
    expect(mapOpenAiFinishReason(reason)).toBe(expected);
  });
});
