import type { ChatMessage } from '@qwen-proxy/contracts';
import { continuationMessage, foldIntoFirstMessage } from './prompt-folding';

const call = (id: string, city: string, extra = '') => ({ id, name: 'get_weather', arguments: extra ? `{"unit":"c","city":"${city}"}` : `{"city":"${city}","unit":"c"}` });

function loop(secondResult: string, secondCity = 'Paris'): ChatMessage[] {
  return [
    { role: 'user', content: 'Weather in Paris?' },
    { role: 'assistant', content: null, toolCalls: [call('call_1', 'Paris')] },
    { role: 'tool', toolCallId: 'call_1', content: 'Service unavailable' },
    // The same call again, arguments in another key order.
    { role: 'assistant', content: null, toolCalls: [call('call_2', secondCity, 'reordered')] },
    { role: 'tool', toolCallId: 'call_2', content: secondResult },
  ];
}

describe('a tool call repeated with the same result', () => {
  it('is pointed out to the model in the next turn, continued or folded', () => {
    const messages = loop('Service unavailable');
    const note = 'Note: you already called get_weather {"unit":"c","city":"Paris"} before and got exactly the same result.';
    expect(continuationMessage(messages.slice(3), messages)).toContain(note);
    expect(foldIntoFirstMessage(messages, 3)).toContain(note);
    // The note comes before the instruction to use the results.
    const text = continuationMessage(messages.slice(3), messages);
    expect(text.indexOf(note)).toBeLessThan(text.indexOf('Use these results to continue'));
  });

  it('is not mentioned when the result or the arguments differ, or the call is new', () => {
    for (const messages of [loop('18 °C'), loop('Service unavailable', 'Rome')]) {
      expect(continuationMessage(messages.slice(3), messages)).not.toContain('already called');
      expect(foldIntoFirstMessage(messages, 3)).not.toContain('already called');
    }
    const first = loop('x').slice(0, 3);
    expect(continuationMessage(first.slice(1), first)).not.toContain('already called');
  });
});
