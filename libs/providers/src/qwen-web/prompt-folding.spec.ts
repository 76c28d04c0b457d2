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

describe('folding a conversation with tools', () => {
  const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' };
  const messages: ChatMessage[] = [
    { role: 'user', content: 'Weather in Oslo?' },
    { role: 'assistant', content: null, toolCalls: [call] },
    { role: 'tool', content: '-3 °C', toolCallId: 'call_1' },
  ];

  it('shows earlier calls in the call markup and labels each result with its call', () => {
    const text = foldIntoFirstMessage(messages, 2, { toolsSection: '[Tools]\n…' });
    expect(text).toBe(
      [
        '[Tools]\n…',
        '[Conversation so far]\nUser: Weather in Oslo?\n\nAssistant: ```tool_call\n{"name": "get_weather", "arguments": {"city":"Oslo"}}\n```',
        '[Current message]\n[Tool result of get_weather {"city":"Oslo"}, call call_1]\n-3 °C\n\nUse these results to continue: answer, or call more tools if you still need them.',
      ].join('\n\n'),
    );
  });

  it('sends only the results (and new words) in a continuation, after the tools', () => {
    const newTurn: ChatMessage[] = [messages[2]!, { role: 'user', content: 'In Celsius.' }];
    expect(continuationMessage(newTurn, [...messages, newTurn[1]!], { toolsSection: '[Tools]\n…' })).toBe(
      '[Tools]\n…\n\n[Current message]\n[Tool result of get_weather {"city":"Oslo"}, call call_1]\n-3 °C\n\nIn Celsius.',
    );
  });
});
