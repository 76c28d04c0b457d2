import { applyChatEvent, emptyChatResult } from '../stream/reduce-chat-events';
import { readOpenAiCompletion } from './openai-chunk.schema';
import { chunkOfCompletion } from './openai-completion.mapping';
import { OpenAiCompatibleStreamState } from './openai-compatible-stream.state';

const identity = { providerId: 'ollama', providerName: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' };

function eventsOf(completion: unknown) {
  const state = new OpenAiCompatibleStreamState({ identity, model: 'asked' });
  return [...state.push(chunkOfCompletion(readOpenAiCompletion(completion)!)), ...state.end()];
}

describe(chunkOfCompletion.name, () => {
  it('turns a text completion into the events a streamed one gives', () => {
    const events = eventsOf({
      id: 'chatcmpl-9',
      object: 'chat.completion',
      created: 1,
      model: 'qwen3:8b',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'The answer.', reasoning_content: 'Thinking.', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
    });
    expect(events).toEqual([
      { type: 'response-start', upstreamId: 'chatcmpl-9', model: 'qwen3:8b', provider: 'ollama' },
      { type: 'reasoning-delta', text: 'Thinking.' },
      { type: 'text-delta', text: 'The answer.' },
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 6, totalTokens: 10 } },
      { type: 'finish', reason: 'stop', truncated: false },
    ]);
  });

  it('numbers tool calls by position and rebuilds them whole', () => {
    const events = eventsOf({
      id: 'chatcmpl-9',
      model: 'm',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
              { id: 'call_2', type: 'function', function: { name: 'b', arguments: '{}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
    const result = events.reduce(applyChatEvent, emptyChatResult());
    expect(result.toolCalls).toEqual([
      { id: 'call_1', name: 'a', arguments: '{"x":1}' },
      { id: 'call_2', name: 'b', arguments: '{}' },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
  });

  it('keeps citations and annotations as sources', () => {
    const events = eventsOf({
      id: 'x',
      choices: [
        {
          message: { content: 'See [1].', annotations: [{ type: 'url_citation', url_citation: { url: 'https://b.example', title: 'B' } }] },
          finish_reason: 'stop',
        },
      ],
      citations: ['https://a.example'],
    });
    expect(events.filter((event) => event.type === 'source').map((event) => event.type === 'source' && event.source.url)).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('carries a 200 answer that holds an error as that error', () => {
    const events = eventsOf({ error: { message: 'Upstream overloaded', code: 503 } });
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ status: 503, message: 'Upstream overloaded' }) }]);
  });
});
