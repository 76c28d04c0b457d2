import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayError } from '@qwen-proxy/contracts';
import { SseDecoder } from '@qwen-proxy/contracts';
import type { QwenEvent } from './qwen-event';
import { QwenStreamState } from './qwen-stream-state';

function replayFixture(name: string): QwenEvent[] {
  const decoder = new SseDecoder();
  const state = new QwenStreamState();
  const payloads = [...decoder.push(readFileSync(join(__dirname, 'fixtures', name))), ...decoder.end()].map((message) => message.data);
  return [...payloads.flatMap((payload) => state.push(JSON.parse(payload))), ...state.end()];
}

function run(frames: unknown[], options: { end?: boolean } = { end: true }): QwenEvent[] {
  const state = new QwenStreamState();
  const events = frames.flatMap((frame) => state.push(frame));
  return options.end === false ? events : [...events, ...state.end()];
}

function delta(fields: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { choices: [{ delta: { role: 'assistant', content: '', status: 'typing', ...fields } }], ...extra };
}

const answer = (content: string, status = 'typing') => delta({ content, phase: 'answer', status });
const finished = answer('', 'finished');

function textOf(events: QwenEvent[], type: 'text-delta' | 'reasoning-delta'): string {
  return events.map((event) => (event.type === type ? event.text : '')).join('');
}

function errorOf(events: QwenEvent[]): GatewayError {
  const last = events.at(-1);
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`);
  return last.error;
}

describe(QwenStreamState.name, () => {
  it('turns a "finished" answer with no text at all into an error, never an empty answer', () => {
    const events = run([{ 'response.created': { chat_id: 'c', response_id: 'r' } }, answer(''), finished]);
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.error.code).toBe('qwen_empty_answer');
    expect(events.some((event) => event.type === 'finish')).toBe(false);
  });

  describe('recorded streams', () => {
    it('turns a thinking-summary answer into ids, reasoning, text, one usage and a finish', () => {
      expect(replayFixture('thinking-answer.sse')).toEqual([
        {
          type: 'response-created',
          chatId: '5b0c8f52-6d1e-4c8e-9f0a-2b7d3c1e9a01',
          parentId: '0e6f1c7a-7f3b-4e0d-8d52-4a1b9c2d3e41',
          responseId: '9d2a4b6c-1e3f-4a5b-8c7d-6e5f4a3b2c10',
        },
        { type: 'reasoning-delta', text: 'The user says hello' },
        { type: 'reasoning-delta', text: ' in Chinese.' },
        { type: 'reasoning-delta', text: '\n\nAnswer warmly.' },
        { type: 'text-delta', text: '你好' },
        { type: 'text-delta', text: '！很高兴见到你 👋' },
        { type: 'usage', usage: { inputTokens: 12, outputTokens: 30, totalTokens: 42, reasoningTokens: 18 } },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });

    it('keeps web search results as de-duplicated sources and never as answer text', () => {
      const events = replayFixture('web-search.sse');
      expect(events.filter((event) => event.type === 'source')).toEqual([
        {
          type: 'source',
          source: {
            url: 'https://nodejs.org/en/blog/release/v24.0.0',
            title: 'Node.js 24 is out',
            snippet: 'Node.js 24 was released on May 6, 2025.',
          },
        },
        {
          type: 'source',
          source: {
            url: 'https://nodejs.org/en/about/previous-releases',
            title: 'Node.js releases',
            snippet: 'Release schedule',
          },
        },
        { type: 'source', source: { url: 'https://en.wikipedia.org/wiki/Node.js', title: 'Wikipedia: Node.js' } },
      ]);
      expect(textOf(events, 'text-delta')).toBe('Node.js 24 was released on 6 May 2025 [1].');
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
    });

    it('shows a generated image once, as markdown, and ends on the finished image frame', () => {
      const events = replayFixture('image-generation.sse');
      expect(events.slice(1)).toEqual([
        { type: 'text-delta', text: '![image](https://cdn.qwenlm.ai/output/e5f60718/t2i/cat.png?key=abc)' },
        { type: 'usage', usage: { inputTokens: 30, outputTokens: 1024, totalTokens: 1054 } },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });
  });

  describe('answer text', () => {
    it('passes true deltas through unchanged', () => {
      expect(textOf(run([answer('Hel'), answer('lo'), answer(' world'), finished]), 'text-delta')).toBe('Hello world');
    });

    it('keeps a delta that repeats the whole text so far (D5: "|" then "| Name | Age |")', () => {
      const events = run([answer('|'), answer('| Name | Age |'), finished]);
      expect(textOf(events, 'text-delta')).toBe('|| Name | Age |');
    });

    it('keeps a heading delta that starts with the text so far ("#" then "## Title")', () => {
      expect(textOf(run([answer('#'), answer('## Title'), finished]), 'text-delta')).toBe('### Title');
    });

    it('keeps a delta that merely repeats a short text, as in "1" then "1"', () => {
      expect(textOf(run([answer('1'), answer('1'), finished]), 'text-delta')).toBe('11');
    });

    it('reads frames without a phase as answer text (older streams)', () => {
      expect(textOf(run([{ choices: [{ delta: { content: 'plain' } }] }, finished]), 'text-delta')).toBe('plain');
    });

    it('accepts the response.output_text.delta / response.completed shape', () => {
      const events = run([
        { 'response.output_text.delta': { delta: 'Hi' } },
        { 'response.output_text.delta': { delta: ' there' } },
        { 'response.completed': { usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } } },
      ]);
      expect(events).toEqual([
        { type: 'text-delta', text: 'Hi' },
        { type: 'text-delta', text: ' there' },
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });
  });

  describe('reasoning', () => {
    it('reads the think phase as reasoning deltas', () => {
      const think = (content: string) => delta({ phase: 'think', content });
      const events = run([think('Let me '), think('see.'), answer('42'), finished]);
      expect(textOf(events, 'reasoning-delta')).toBe('Let me see.');
      expect(textOf(events, 'text-delta')).toBe('42');
    });

    it('does not end the answer on a finished thinking frame', () => {
      const events = run(
        [
          delta({ phase: 'think', content: 'hm', status: 'finished' }),
          delta({ phase: 'thinking_summary', status: 'finished' }),
        ],
        { end: false },
      );
      expect(events).toEqual([{ type: 'reasoning-delta', text: 'hm' }]);
    });

    it('emits summary thoughts once, whether the list grows or its last thought grows', () => {
      const summary = (content: unknown) =>
        delta({ phase: 'thinking_summary', extra: { summary_thought: { content } } });
      const events = run([
        summary(['A']),
        summary(['A']),
        summary(['AB']),
        summary(['AB', 'C']),
        summary(['AB', 'CD', 'E']),
        summary(['AB', 'CD', 'E']),
        answer('done'),
        finished,
      ]);
      const reasoning = events.flatMap((event) => (event.type === 'reasoning-delta' ? [event.text] : []));
      expect(reasoning).toEqual(['A', 'B', '\n\nC', 'D\n\nE']);
    });

    it('accepts a summary sent as a plain string', () => {
      const events = run([
        delta({ phase: 'thinking_summary', extra: { summary_thought: { content: 'one thought' } } }),
        finished,
      ]);
      expect(textOf(events, 'reasoning-delta')).toBe('one thought');
    });
  });

  describe('usage', () => {
    it('keeps the last running total and emits it once, just before finish', () => {
      const usage = (output: number) => ({ input_tokens: 10, output_tokens: output, total_tokens: 10 + output });
      const events = run([
        delta({ phase: 'answer', content: 'a' }, { usage: usage(1) }),
        delta({ phase: 'answer', content: 'b' }, { usage: usage(2) }),
        delta({ phase: 'answer', content: '', status: 'finished' }),
      ]);
      expect(events.filter((event) => event.type === 'usage')).toEqual([
        { type: 'usage', usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 } },
      ]);
      expect(events.at(-2)?.type).toBe('usage');
    });

    it('ignores a malformed usage instead of losing the frame text', () => {
      const events = run([delta({ phase: 'answer', content: 'ok' }, { usage: 'lots' }), finished]);
      expect(events).toEqual([
        { type: 'text-delta', text: 'ok' },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });
  });

  describe('ending', () => {
    it('ignores frames after the end', () => {
      const state = new QwenStreamState();
      state.push(answer('done'));
      state.push(finished);
      expect(state.push(answer(' more'))).toEqual([]);
      expect(state.end()).toEqual([]);
      expect(state.isEnded).toBe(true);
    });

    it('delivers a stream cut short as truncated, usage first', () => {
      const usage = { input_tokens: 1, output_tokens: 1, total_tokens: 2 };
      const events = run([delta({ phase: 'answer', content: 'partial' }, { usage })]);
      expect(events).toEqual([
        { type: 'text-delta', text: 'partial' },
        { type: 'usage', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
        { type: 'finish', reason: 'stop', truncated: true },
      ]);
    });

    it('counts reasoning alone as something delivered when the stream is cut', () => {
      expect(run([delta({ phase: 'think', content: 'thinking…' })]).at(-1)).toEqual({
        type: 'finish',
        reason: 'stop',
        truncated: true,
      });
    });

    it('reports a stream that closed without any text as a retryable qwen_empty_stream error', () => {
      const events = run([
        { 'response.created': { chat_id: 'c', parent_id: 'p', response_id: 'r' } },
        { 'response.info': { action: 'keep_alive' } },
      ]);
      const error = errorOf(events);
      expect(error).toMatchObject({ status: 502, code: 'qwen_empty_stream', retryable: true });
      expect(error.message).toMatch(/closed the stream without an answer/);
    });
  });

  describe('errors inside the stream', () => {
    it('turns an error frame into a classified error event and stops', () => {
      const state = new QwenStreamState();
      const events = state.push({ error: { code: 'RateLimited', details: 'limit', num: 3 } });
      expect(errorOf(events)).toMatchObject({ code: 'qwen_daily_limit', retryAfterSeconds: 3 * 3600 });
      expect(state.push(answer('late'))).toEqual([]);
    });

    it('reads an error nested under data', () => {
      const events = run([{ data: { error: { code: 'unauthorized', details: 'Token has expired' } } }]);
      expect(errorOf(events)).toMatchObject({ code: 'qwen_token_expired' });
    });

    it('reads a success:false body sent as a frame', () => {
      const events = run([{ success: false, data: { code: 'Bad_Request', details: 'Internal error...' } }]);
      expect(errorOf(events)).toMatchObject({ code: 'qwen_bad_request' });
    });

    it('ends with content-filter when moderation strikes after part of the answer', () => {
      const events = run([answer('Once upon'), { error: { code: 'data_inspection_failed', details: 'blocked' } }]);
      expect(events).toEqual([
        { type: 'text-delta', text: 'Once upon' },
        { type: 'finish', reason: 'content-filter', truncated: false },
      ]);
    });

    it('reports moderation before any text as a content_filter error', () => {
      expect(errorOf(run([{ error: { code: 'data_inspection_failed', details: 'blocked' } }]))).toMatchObject({
        status: 400,
        code: 'content_filter',
      });
    });
  });

  describe('tolerance', () => {
    it('skips and counts frames of unknown shape, raw text and non-objects, recording each as an unknown shape', () => {
      const state = new QwenStreamState();
      const events = [
        ...state.push('not json at all'),
        ...state.push({ something: 'new' }),
        ...state.push(42),
        ...state.push(null),
        ...state.push(answer('still fine')),
      ];
      expect(events.filter((event) => event.type !== 'unknown-shape')).toEqual([{ type: 'text-delta', text: 'still fine' }]);
      expect(events.flatMap((event) => (event.type === 'unknown-shape' ? [event.shape] : []))).toEqual([
        { kind: 'frame', name: 'text', sample: 'not json at all' },
        { kind: 'frame', name: 'something', sample: '{"something":"new"}' },
        { kind: 'frame', name: 'number', sample: '42' },
        { kind: 'frame', name: 'null', sample: 'null' },
      ]);
      expect(state.unrecognisedFrameCount).toBe(4);
    });

    it('keeps the good search hits when one is malformed', () => {
      const events = run([
        delta({
          phase: 'web_search',
          extra: { web_search_info: [{ title: 'no url' }, { url: 'https://a.example', title: 7 }] },
        }),
        answer('x'),
        finished,
      ]);
      expect(events.filter((event) => event.type === 'source')).toEqual([
        { type: 'source', source: { url: 'https://a.example' } },
      ]);
    });

    it('reads search results wrapped in `results`', () => {
      const results = [{ url: 'https://b.example' }];
      const search = delta({ phase: 'web_search', extra: { search_result: { results } } });
      const events = run([search, answer('x'), finished]);
      expect(events.filter((event) => event.type === 'source')).toHaveLength(1);
    });

    it('never treats the content of a server-side tool phase as answer text', () => {
      const events = run([delta({ phase: 'image_search', content: 'searching images…' }), answer('Here.'), finished]);
      expect(textOf(events, 'text-delta')).toBe('Here.');
    });

    it('takes the response id from the deltas when response.created never came', () => {
      const events = run([delta({ phase: 'answer', content: 'hi' }, { response_id: 'r-9' }), finished]);
      expect(events[0]).toEqual({ type: 'response-created', responseId: 'r-9' });
    });

    it('emits response-created only once', () => {
      const created = { 'response.created': { chat_id: 'c', response_id: 'r' } };
      expect(run([created, created], { end: false })).toEqual([
        { type: 'response-created', chatId: 'c', parentId: undefined, responseId: 'r' },
      ]);
    });

    it('ignores image frames that hold no URL and separates an image from earlier text', () => {
      const image = (content: string) => delta({ phase: 'image_gen', content });
      const url = 'https://x.example/1.png';
      const events = run([answer('Here it is:'), image('generating…'), image(url), image(url)], { end: false });
      expect(textOf(events, 'text-delta')).toBe('Here it is:\n\n![image](https://x.example/1.png)');
    });
  });
});
