import type { ChatMessage } from '@qwen-proxy/contracts';
import { hashAfterAnswer, hashHistory, openingHash, splitAtNewTurn } from './conversation-history';

const system: ChatMessage = { role: 'system', content: 'Be brief.' };
const hello: ChatMessage = { role: 'user', content: 'Hello' };
const answer: ChatMessage = { role: 'assistant', content: 'Hi there.' };
const next: ChatMessage = { role: 'user', content: 'And now?' };

describe(splitAtNewTurn.name, () => {
  it('finds the continuation key of a resent history: the hash stored after our answer', () => {
    const storedAfterAnswer = hashAfterAnswer([system, hello], 'Hi there.');
    const split = splitAtNewTurn([system, hello, answer, next]);
    expect(split.lookupHash).toBe(storedAfterAnswer);
    expect(split.newTurn).toEqual([next]);
    expect(split.prior).toEqual([system, hello, answer]);
  });

  it('has no key for a first turn, so two chats with one system prompt never merge', () => {
    expect(splitAtNewTurn([system, hello]).lookupHash).toBeUndefined();
  });

  it('ignores cosmetic differences but not edits', () => {
    const resent: ChatMessage[] = [
      { role: 'developer', content: 'Be brief.  ' },
      { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'assistant', content: 'Hi there.\r\n' },
    ];
    expect(hashHistory(resent)).toBe(hashHistory([system, hello, answer]));
    expect(hashHistory([system, { role: 'user', content: 'Hello!' }, answer])).not.toBe(hashHistory([system, hello, answer]));
  });

  it('keeps several new user messages and tool results together as the new turn', () => {
    const tool: ChatMessage = { role: 'tool', content: '42', toolCallId: 'call_1' };
    expect(splitAtNewTurn([hello, answer, tool, next]).newTurn).toEqual([tool, next]);
  });
});

describe(hashAfterAnswer.name, () => {
  it('includes the tool calls of the answer, as the client will resend them', () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' };
    const resent: ChatMessage[] = [hello, { role: 'assistant', content: null, toolCalls: [call] }];
    expect(hashAfterAnswer([hello], '', [call])).toBe(hashHistory(resent));
    expect(hashAfterAnswer([hello], '')).not.toBe(hashHistory(resent));
  });
});

describe(openingHash.name, () => {
  it('tells conversations opened with different system prompts apart, and ignores what follows', () => {
    const title: ChatMessage = { role: 'system', content: 'You are a title generator.' };
    const agent: ChatMessage = { role: 'system', content: 'You are a coding agent.' };
    expect(openingHash([title, hello])).not.toBe(openingHash([agent, hello]));
    expect(openingHash([agent, hello])).toBe(openingHash([{ role: 'developer', content: 'You are a coding agent.\r\n' }, next]));
    expect(openingHash([hello])).toBe(openingHash([next]));
    expect(openingHash([hello])).not.toBe(openingHash([system, hello]));
  });
});
