import { toChatRequest } from './anthropic-request.mapping';
import type { MessagesRequestDto } from './dto/messages-request.dto';

const base = { model: 'claude-sonnet-4-6', max_tokens: 100 } as const;

describe(toChatRequest.name, () => {
  it('puts the system blocks first and keeps plain text messages as strings', () => {
    const request = toChatRequest(
      { ...base, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be kind.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] } as MessagesRequestDto,
      { model: 'qwen3-max' },
    );
    expect(request).toMatchObject({ model: 'qwen3-max', stream: false, maxOutputTokens: 100 });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.\n\nBe kind.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(request.original).toBeUndefined();
  });

  it('keeps a system message sent in the middle of messages (Claude Code does) as a system message in its place', () => {
    const request = toChatRequest(
      {
        ...base,
        system: 'You are Claude Code.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'system', content: [{ type: 'text', text: 'Agents: general-purpose.', cache_control: { type: 'ephemeral' } }] },
          { role: 'system', content: '' },
          { role: 'user', content: 'Go on' },
        ],
      } as MessagesRequestDto,
      { model: 'qwen3-max' },
    );
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Agents: general-purpose.' },
      { role: 'user', content: 'Go on' },
    ]);
  });

  it('reads a document whose source is content blocks', () => {
    const request = toChatRequest(
      { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'Page one.' }] } }, { type: 'text', text: 'Summarise.' }] }] } as MessagesRequestDto,
      { model: 'qwen3-max' },
    );
    expect(request.messages).toEqual([{ role: 'user', content: 'Page one.\nSummarise.' }]);
  });

  it('maps tool_use to tool calls, tool_result to tool messages, and drops thinking from the history', () => {
    const request = toChatRequest(
      {
        ...base,
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'need a tool', signature: 'x' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'boom' }], is_error: true },
              { type: 'text', text: 'Thanks' },
            ],
          },
        ],
      } as MessagesRequestDto,
      { model: 'qwen3-max' },
    );
    expect(request.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: 'Sunny', toolCallId: 'toolu_1' },
      { role: 'tool', content: 'Error: boom', toolCallId: 'toolu_2' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('maps tools, tool_choice, thinking and a web search server tool', () => {
    const request = toChatRequest(
      {
        ...base,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ name: 'lookup', description: 'Looks up.', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search' }],
        tool_choice: { type: 'any' },
        thinking: { type: 'enabled', budget_tokens: 2048 },
      } as MessagesRequestDto,
      { model: 'qwen3-max', sessionKey: ' chat-1 ' },
    );
    expect(request).toMatchObject({
      stream: true,
      tools: [{ name: 'lookup', description: 'Looks up.', parameters: { type: 'object' } }],
      toolChoice: 'required',
      reasoning: { enabled: true, budgetTokens: 2048 },
      webSearch: true,
      sessionKey: 'chat-1',
    });
  });

  it('turns image blocks into image parts with data URLs', () => {
    const request = toChatRequest(
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }, { type: 'text', text: 'What is it?' }] }] } as MessagesRequestDto,
      { model: 'qwen3-vl-plus' },
    );
    expect(request.messages[0]!.content).toEqual([
      { type: 'image', url: 'data:image/png;base64,AAAA' },
      { type: 'text', text: 'What is it?' },
    ]);
  });
});
