import { from, lastValueFrom, toArray } from 'rxjs';
import type { ChatEvent } from '@qwen-proxy/contracts';
import { capAnswerTokens } from './answer-token-cap';

const run = (events: ChatEvent[], completionAllowance: number) =>
  lastValueFrom(from(events).pipe(capAnswerTokens({ keyId: 'key', promptTokens: 3, completionAllowance }), toArray()));
const start: ChatEvent = { type: 'response-start', model: 'qwen3-max', provider: 'qwen-web' };
const text = (words: string): ChatEvent => ({ type: 'text-delta', text: words });

describe(capAnswerTokens.name, () => {
  it('passes an answer within its allowance unchanged', async () => {
    const events: ChatEvent[] = [start, text('one two'), { type: 'finish', reason: 'stop', truncated: false }];
    expect(await run(events, 100)).toEqual(events);
  });

  it('ends an answer that would pass its allowance with a length finish and the tokens delivered', async () => {
    const events = await run([start, text(' one two'), text(' three four'), text(' five six'), { type: 'finish', reason: 'stop', truncated: false }], 4);
    expect(events).toEqual([
      start,
      text(' one two'),
      text(' three four'),
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, estimated: true } },
      { type: 'finish', reason: 'length', truncated: false },
    ]);
  });

  it('delivers a tool call already begun whole', async () => {
    const events = await run(
      [
        start,
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Oslo","unit":"celsius","days":7}' },
        { type: 'tool-call-end', index: 0 },
        { type: 'finish', reason: 'tool-calls', truncated: false },
      ],
      2,
    );
    expect(events.map((event) => event.type)).toEqual(['response-start', 'tool-call-start', 'tool-call-delta', 'tool-call-end', 'finish']);
  });
});
