import { BadGatewayError, type ChatEvent, GatewayTimeoutError, RateLimitError } from '@qwen-proxy/contracts';
import { applyChatEvent, emptyChatResult } from '../stream/reduce-chat-events';
import { readOpenAiChunk } from './openai-chunk.schema';
import { OpenAiCompatibleStreamState, type StreamStateOptions } from './openai-compatible-stream.state';

const identity = { providerId: 'openrouter', providerName: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1' };

function stateOf(options: Partial<StreamStateOptions> = {}): OpenAiCompatibleStreamState {
  return new OpenAiCompatibleStreamState({ identity, model: 'asked-model', ...options });
}

/** Chunks go through the reader, as they do in the provider. */
function run(state: OpenAiCompatibleStreamState, chunks: unknown[], end = true): ChatEvent[] {
  const events = chunks.flatMap((chunk) => state.push(readOpenAiChunk(chunk)!));
  return end ? [...events, ...state.end()] : events;
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
    ...extra,
  };
}

const usageChunk = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-2024-08-06',
  choices: [],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12, completion_tokens_details: { reasoning_tokens: 0 } },
};

describe(OpenAiCompatibleStreamState.name, () => {
  it('maps an OpenAI text stream, holding finish until after the usage chunk', () => {
    const events = run(stateOf(), [
      chunk({ role: 'assistant', content: '', refusal: null }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      usageChunk,
    ]);
    expect(events).toEqual([
      { type: 'response-start', upstreamId: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', provider: 'openrouter' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12, reasoningTokens: 0 } },
      { type: 'finish', reason: 'stop', truncated: false },
    ]);
  });

  it('starts the response on the first chunk, before any text', () => {
    const state = stateOf();
    expect(run(state, [chunk({ role: 'assistant', content: '' })], false)).toEqual([
      { type: 'response-start', upstreamId: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', provider: 'openrouter' },
    ]);
  });

  it("waits for Azure's id-less filter chunk to be followed by the answer, and keeps the real id", () => {
    const azureFilterChunk = { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0 }] };
    const events = run(stateOf(), [azureFilterChunk, chunk({ role: 'assistant', content: 'Hi' }), chunk({}, 'stop')]);
    expect(events[0]).toEqual({ type: 'response-start', upstreamId: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', provider: 'openrouter' });
  });

  it('reports the asked model when the upstream names none', () => {
    const events = run(stateOf(), [{ choices: [{ delta: { content: 'x' } }] }]);
    expect(events[0]).toEqual({ type: 'response-start', upstreamId: undefined, model: 'asked-model', provider: 'openrouter' });
  });

  it.each([
    ['reasoning_content (DeepSeek, DashScope)', { reasoning_content: 'think' }],
    ['reasoning (OpenRouter, Ollama)', { reasoning: 'think' }],
    ['both, once', { reasoning_content: 'think', reasoning: 'think' }],
  ])('reads reasoning from %s', (_, delta) => {
    const events = run(stateOf(), [chunk(delta), chunk({ content: 'answer' }, 'stop')]);
    expect(events.filter((event) => event.type === 'reasoning-delta')).toEqual([{ type: 'reasoning-delta', text: 'think' }]);
  });

  it('skips empty and null contents', () => {
    const events = run(stateOf(), [chunk({ content: '' }), chunk({ content: null, reasoning_content: null }), chunk({ content: 'x' }, 'stop')]);
    expect(events.map((event) => event.type)).toEqual(['response-start', 'text-delta', 'finish']);
  });

  it('delivers a refusal as text', () => {
    const events = run(stateOf(), [chunk({ refusal: "I can't help with that." }, 'stop')]);
    expect(events).toContainEqual({ type: 'text-delta', text: "I can't help with that." });
  });

  it('joins the text parts of list content (Mistral) and drops the others', () => {
    const events = run(stateOf(), [chunk({ content: [{ type: 'thinking', thinking: [] }, { type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }, 'stop')]);
    expect(events).toContainEqual({ type: 'text-delta', text: 'ab' });
  });

  describe('tool calls', () => {
    it('maps parallel calls as OpenAI streams them: start with id and name, then argument fragments, ends at finish', () => {
      const events = run(stateOf(), [
        chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
        usageChunk,
      ]);
      expect(events.slice(1)).toEqual([
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'get_weather' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
        { type: 'tool-call-start', index: 1, id: 'call_b', name: 'get_time' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 0 },
        { type: 'tool-call-end', index: 1 },
        { type: 'usage', usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12, reasoningTokens: 0 } },
        { type: 'finish', reason: 'tool-calls', truncated: false },
      ]);
      const result = events.reduce(applyChatEvent, emptyChatResult());
      expect(result.toolCalls).toEqual([
        { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_b', name: 'get_time', arguments: '{}' },
      ]);
    });

    it('numbers calls densely whatever indices the upstream uses', () => {
      const events = run(stateOf(), [
        chunk({ tool_calls: [{ index: 3, id: 'call_x', function: { name: 'x', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 7, id: 'call_y', function: { name: 'y', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ]);
      expect(events.filter((event) => event.type === 'tool-call-start')).toEqual([
        { type: 'tool-call-start', index: 0, id: 'call_x', name: 'x' },
        { type: 'tool-call-start', index: 1, id: 'call_y', name: 'y' },
      ]);
    });

    it('tells calls apart by id when the upstream sends no index, and continues the last one without', () => {
      const events = run(stateOf(), [
        chunk({ tool_calls: [{ id: 'call_1', function: { name: 'a', arguments: '{"q":' } }] }),
        chunk({ tool_calls: [{ function: { arguments: '1}' } }] }),
        chunk({ tool_calls: [{ id: 'call_2', function: { name: 'b', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ]);
      const result = events.reduce(applyChatEvent, emptyChatResult());
      expect(result.toolCalls).toEqual([
        { id: 'call_1', name: 'a', arguments: '{"q":1}' },
        { id: 'call_2', name: 'b', arguments: '{}' },
      ]);
    });

    it('makes up an id when the upstream sends none, and takes object arguments as JSON text', () => {
      const events = run(stateOf(), [chunk({ tool_calls: [{ index: 0, function: { name: 'lookup', arguments: { q: 'x' } } }] }, 'tool_calls')]);
      const start = events.find((event) => event.type === 'tool-call-start');
      expect(start).toEqual({ type: 'tool-call-start', index: 0, id: expect.stringMatching(/^call_[0-9a-f]{24}$/), name: 'lookup' });
      expect(events).toContainEqual({ type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":"x"}' });
    });

    it('holds arguments that come before the name, and ignores a repeated name', () => {
      const events = run(stateOf(), [
        chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { arguments: '{"a"' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { name: 'late', arguments: ':1' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { name: 'late', arguments: '}' } }] }),
        chunk({}, 'tool_calls'),
      ]);
      expect(events.slice(1, 5)).toEqual([
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'late' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '}' },
        { type: 'tool-call-end', index: 0 },
      ]);
    });

    it('reads the deprecated function_call as a tool call', () => {
      const events = run(stateOf(), [
        chunk({ function_call: { name: 'legacy', arguments: '' } }),
        chunk({ function_call: { arguments: '{"x":1}' } }),
        chunk({}, 'function_call'),
      ]);
      const result = events.reduce(applyChatEvent, emptyChatResult());
      expect(result.toolCalls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'legacy', arguments: '{"x":1}' }]);
      expect(result.finishReason).toBe('tool-calls');
    });

    it('ends calls left open by a stream that closed early, as truncated', () => {
      const events = run(stateOf(), [chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'a', arguments: '{"x' } }] })]);
      expect(events.slice(-2)).toEqual([
        { type: 'tool-call-end', index: 0 },
        { type: 'finish', reason: 'stop', truncated: true },
      ]);
    });
  });

  it('keeps the last usage when a server reports it more than once, and emits it once', () => {
    const events = run(stateOf(), [
      chunk({ content: 'a' }, null, { usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
      chunk({ content: 'b' }, 'length', { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
    ]);
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 } },
      { type: 'finish', reason: 'length', truncated: false },
    ]);
  });

  it('estimates usage from the answer when the upstream counts none', () => {
    const estimateUsage = jest.fn(() => ({ inputTokens: 1, outputTokens: 2, totalTokens: 3, estimated: true }));
    const events = run(stateOf({ estimateUsage }), [
      chunk({ reasoning_content: 'hmm' }),
      chunk({ content: 'Hi' }),
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }),
      chunk({}, 'stop'),
    ]);
    expect(estimateUsage).toHaveBeenCalledWith({ text: 'Hif{}', reasoning: 'hmm' });
    expect(events).toContainEqual({ type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3, estimated: true } });
  });

  it('maps content_filter', () => {
    expect(run(stateOf(), [chunk({ content: 'x' }, 'content_filter')]).at(-1)).toEqual({ type: 'finish', reason: 'content-filter', truncated: false });
  });

  it('reads only the first choice', () => {
    const twoChoices = {
      id: 'c',
      choices: [
        { index: 1, delta: { content: 'second' }, finish_reason: null },
        { index: 0, delta: { content: 'first' }, finish_reason: null },
      ],
    };
    expect(run(stateOf(), [twoChoices]).filter((event) => event.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'first' }]);
  });

  it('reports sources from annotations and Perplexity citations, each URL once', () => {
    const events = run(stateOf(), [
      chunk({ content: 'See' }, null, { citations: ['https://a.example'] }),
      chunk({ content: ' [1]' }, null, { citations: ['https://a.example'] }),
      chunk({ annotations: [{ type: 'url_citation', url_citation: { url: 'https://b.example', title: 'B' } }] }, 'stop'),
    ]);
    expect(events.filter((event) => event.type === 'source')).toEqual([
      { type: 'source', source: { url: 'https://a.example' } },
      { type: 'source', source: { url: 'https://b.example', title: 'B' } },
    ]);
  });

  describe('a stream that ends without finish_reason', () => {
    it('delivers what arrived as truncated', () => {
      expect(run(stateOf(), [chunk({ role: 'assistant', content: 'partial' })]).at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: true });
    });

    it('is an error when no output arrived', () => {
      const events = run(stateOf(), [chunk({ role: 'assistant', content: '' })]);
      expect(events.map((event) => event.type)).toEqual(['response-start', 'error']);
      const error = (events[1] as { error: BadGatewayError }).error;
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error).toMatchObject({ code: 'upstream_incomplete', retryable: true });
    });

    it('is the interruption, when the caller knows one', () => {
      const state = stateOf();
      const interruption = new BadGatewayError('socket closed', { code: 'upstream_unreachable', retryable: true });
      expect(state.end(interruption)).toEqual([{ type: 'error', error: interruption }]);
    });
  });

  it('turns a mid-stream error into an error event and ignores everything after it', () => {
    const state = stateOf();
    const events = run(state, [chunk({ content: 'partial' }), { id: 'gen-1', error: { message: 'Rate limited upstream', code: 429 }, choices: [{ delta: { content: '' }, finish_reason: 'error' }] }], false);
    expect(events.at(-1)).toEqual({ type: 'error', error: expect.any(RateLimitError) });
    expect(state.isEnded).toBe(true);
    expect(run(state, [chunk({ content: 'more' })])).toEqual([]);
  });

  it('treats a bare finish_reason "error" as an error', () => {
    const events = run(stateOf(), [chunk({ content: 'partial' }, 'error')]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream_stream_error', status: 502 } });
  });

  it('stops with the error the caller gives (a timeout)', () => {
    const state = stateOf();
    run(state, [chunk({ content: 'partial' })], false);
    const timeout = new GatewayTimeoutError('too slow', { code: 'upstream_timeout', retryable: true });
    expect(state.failWith(timeout)).toEqual([{ type: 'error', error: timeout }]);
    expect(state.end()).toEqual([]);
  });
});
