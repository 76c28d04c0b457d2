import { turnTextOf } from './turn-text';

describe(turnTextOf.name, () => {
  it('reads the last user message and the answer of a chat turn', () => {
    const request = { messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'first' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'image_url', image_url: { url: '[redacted]' } }] }] };
    expect(turnTextOf(request, { content: 'You said: "second"' })).toEqual({ user: 'second', answer: 'You said: "second"' });
  });

  it('reads Responses input and completion prompts, and says nothing when bodies are not kept', () => {
    expect(turnTextOf({ input: 'hello' }, null)).toEqual({ user: 'hello', answer: null });
    expect(turnTextOf({ prompt: 'say hi' }, { content: 'hi' })).toEqual({ user: 'say hi', answer: 'hi' });
    expect(turnTextOf(null, null)).toEqual({ user: null, answer: null });
  });
});
