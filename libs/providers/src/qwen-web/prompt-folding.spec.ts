import type { ChatMessage } from '@qwen-proxy/contracts';
import { continuationMessage, foldIntoFirstMessage } from './prompt-folding';

describe(foldIntoFirstMessage.name, () => {
  it('sends a lone user message exactly as written', () => {
    expect(foldIntoFirstMessage([{ role: 'user', content: 'Hello' }], 0)).toBe('Hello');
  });

  it('carries the system prompt ahead of the message', () => {
    const text = foldIntoFirstMessage([{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }], 1);
    expect(text).toBe('[Instructions]\nAnswer in French.\n\n[Current message]\nHello');
  });

  it('folds earlier turns of a conversation it cannot continue, in order', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada.' },
      { role: 'user', content: 'What is my name?' },
    ];
    expect(foldIntoFirstMessage(messages, 3)).toBe(
      '[Instructions]\nBe brief.\n\n[Conversation so far]\nUser: My name is Ada.\n\nAssistant: Nice to meet you, Ada.\n\n[Current message]\nWhat is my name?',
    );
  });
});

describe(continuationMessage.name, () => {
  it('sends only the new words of a continued conversation', () => {
    expect(continuationMessage([{ role: 'user', content: 'And now?' }])).toBe('And now?');
  });
});
