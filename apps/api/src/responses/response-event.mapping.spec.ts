import type { ChatEvent } from '@qwen-proxy/contracts';
import type { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { ResponseEventMapper, type ResponseStreamEvent } from './response-event.mapping';
import { BadGatewayError } from '@qwen-proxy/contracts';

const identity = { id: 'resp_abc', createdAt: 1_772_726_060, request: { model: 'qwen3-max', input: 'Hi' } as CreateResponseRequestDto };

function run(events: ChatEvent[]): ResponseStreamEvent[] {
  const sut = new ResponseEventMapper(identity);
  return [...events.flatMap((event) => sut.map(event)), ...sut.end()];
}

describe(ResponseEventMapper.name, () => {
  it('numbers every event from 0 and ends with the whole response', () => {
    const events = run([
      { type: 'response-start', model: 'qwen3-max', provider: 'qwen-web' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
      { type: 'finish', reason: 'stop', truncated: false },
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.at(-1)!['response']).toMatchObject({
      id: 'resp_abc',
      status: 'completed',
      output: [{ type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hello' }] }],
      usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
    });
  });

  it('gives reasoning, message and function call items their own output index and ids', () => {
    const events = run([
      { type: 'reasoning-delta', text: 'Hmm' },
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', reason: 'tool-calls', truncated: false },
    ]);
    const added = events.filter((event) => event.type === 'response.output_item.added');
    expect(added.map((event) => [event['output_index'], (event['item'] as { type: string }).type])).toEqual([
      [0, 'reasoning'],
      [1, 'message'],
      [2, 'function_call'],
    ]);
    expect(events.find((event) => event.type === 'response.function_call_arguments.done')).toMatchObject({ output_index: 2, arguments: '{"city":"Paris"}', name: 'get_weather' });
    expect(events.find((event) => event.type === 'response.reasoning_summary_text.done')).toMatchObject({ output_index: 0, text: 'Hmm' });
    const output = (events.at(-1)!['response'] as { output: { id: string }[] }).output;
    expect(new Set(output.map((item) => item.id)).size).toBe(3);
  });

  it('reports a truncated answer as response.incomplete', () => {
    const last = run([{ type: 'text-delta', text: 'Cut' }, { type: 'finish', reason: 'stop', truncated: true }]).at(-1)!;
    expect(last).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
  });

  it('fails with response.failed then an error event the SDKs raise', () => {
    const sut = new ResponseEventMapper(identity);
    sut.map({ type: 'text-delta', text: 'Part' });
    const events = sut.fail(new BadGatewayError('Broke.', { code: 'qwen_stream_error' }));
    expect(events.map((event) => event.type)).toEqual(['response.failed', 'error']);
    expect(events[0]).toMatchObject({ response: { status: 'failed', error: { code: 'qwen_stream_error', message: 'Broke.' } } });
    expect(events[1]).toMatchObject({ code: 'qwen_stream_error', message: 'Broke.', error: { message: 'Broke.' } });
  });
});
