import type { ChatRequest } from '@qwen-proxy/contracts';
import { openAiBodyOf } from './neutral-request.mapping';

describe(openAiBodyOf.name, () => {
  it('writes every neutral field in its Chat Completions form', () => {
    const request: ChatRequest = {
      model: 'alias',
      stream: true,
      maxOutputTokens: 200,
      temperature: 0.2,
      topP: 0.9,
      stop: ['END'],
      tools: [{ name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: { name: 'get_weather' },
      reasoning: { enabled: true },
      webSearch: true,
      sessionKey: 'never sent',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          name: 'ada',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: 'data:image/png;base64,AAAA', detail: 'low' },
            { type: 'file', data: 'data:application/pdf;base64,BBBB', filename: 'a.pdf' },
            { type: 'file', url: 'https://example.com/only-by-url.pdf' },
          ],
        },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'tool', content: '{"celsius":21}', toolCallId: 'call_1' },
      ],
    };
    expect(openAiBodyOf(request)).toEqual({
      model: 'alias',
      max_tokens: 200,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          name: 'ada',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,BBBB', filename: 'a.pdf' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', content: '{"celsius":21}', tool_call_id: 'call_1' },
      ],
    });
  });

  it('leaves out what the request does not set', () => {
    expect(openAiBodyOf({ model: 'm', stream: false, messages: [{ role: 'user', content: 'Hi' }], toolChoice: 'auto' })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      tool_choice: 'auto',
    });
  });
});
