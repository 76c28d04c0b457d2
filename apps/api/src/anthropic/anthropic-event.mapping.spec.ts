import type { ChatEvent } from '@qwen-proxy/contracts';
import { AnthropicEventMapper, type AnthropicStreamEvent } from './anthropic-event.mapping';

const options = { id: 'msg_1', model: 'claude-sonnet-4-6', inputTokens: 12 };

function run(events: ChatEvent[]): AnthropicStreamEvent[] {
  const sut = new AnthropicEventMapper(options);
  return [...events.flatMap((event) => sut.map(event)), ...sut.end()];
}

describe(AnthropicEventMapper.name, () => {
  it('opens with message_start, one block per kind, and closes with message_delta and message_stop', () => {
    const events = run([
      { type: 'response-start', model: 'qwen3-max', provider: 'qwen-web' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
      { type: 'finish', reason: 'stop', truncated: false },
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]).toMatchObject({ message: { id: 'msg_1', model: 'claude-sonnet-4-6', content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 0 } } });
    expect(events[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 12, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('reports the larger of the provider\'s input count and the whole prompt counted locally', () => {
    const sut = new AnthropicEventMapper(options);
    sut.map({ type: 'usage', usage: { inputTokens: 40, outputTokens: 2, totalTokens: 42 } });
    expect(sut.end().find((event) => event.type === 'message_delta')).toMatchObject({ usage: { input_tokens: 40 } });
  });

  it('closes a thinking block with a signature_delta before the text block opens', () => {
    const events = run([
      { type: 'reasoning-delta', text: 'Hmm' },
      { type: 'text-delta', text: 'Yes' },
      { type: 'finish', reason: 'stop', truncated: false },
    ]);
    expect(events.slice(1, 7)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: expect.any(String) as string } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Yes' } },
    ]);
  });

  it('streams tool calls as tool_use blocks with input_json_delta and stops for tool_use', () => {
    const events = run([
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', reason: 'tool-calls', truncated: false },
    ]);
    expect(events.filter((event) => event.type === 'content_block_start').map((event) => (event as { content_block: unknown }).content_block)).toEqual([
      { type: 'text', text: '' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} },
    ]);
    expect(events.filter((event) => event.type === 'content_block_delta' && event.index === 1).map((event) => (event as { delta: unknown }).delta)).toEqual([
      { type: 'input_json_delta', partial_json: '{"city":' },
      { type: 'input_json_delta', partial_json: '"Paris"}' },
    ]);
    expect(events.filter((event) => event.type === 'content_block_stop')).toHaveLength(2);
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'tool_use' } });
  });

  it('reports a truncated answer as max_tokens and still starts a message with no content', () => {
    expect(run([{ type: 'finish', reason: 'stop', truncated: true }]).map((event) => event.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(run([{ type: 'finish', reason: 'stop', truncated: true }])[1]).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });
});
