import type { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { toChatRequest } from './responses-request.mapping';

describe(toChatRequest.name, () => {
  it('puts instructions first, then the stored history, then the input', () => {
    const request = toChatRequest({ model: 'qwen3-max', input: 'Next', instructions: 'Be brief.' } as CreateResponseRequestDto, {
      history: [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Answer' },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: 'Next' },
    ]);
    expect(request.original).toBeUndefined();
  });

  it('joins function calls to the assistant turn, maps outputs to tool messages and skips reasoning', () => {
    const request = toChatRequest({
      model: 'qwen3-max',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'think' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }, { type: 'web_search' }],
      tool_choice: { type: 'function', name: 'get_weather' },
      reasoning: { effort: 'high' },
    } as CreateResponseRequestDto);
    expect(request.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: 'Sunny', toolCallId: 'call_1' },
    ]);
    expect(request).toMatchObject({
      tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
      toolChoice: { name: 'get_weather' },
      reasoning: { enabled: true, budgetTokens: 32768 },
      webSearch: true,
    });
  });
});
