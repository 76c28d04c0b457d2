import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SseDecoder } from '@qwen-proxy/contracts';
import { framesOf } from './internal/frame-payloads';
import type { QwenEvent } from './qwen-event';
import { QwenStreamState } from './qwen-stream-state';

/*
 * Stream rules learnt from the late-2026 evidence (libs/qwen/README.md, "Stream parsing and error
 * classification (late 2026)"); real or transcribed bytes live in fixtures/real with their sidecars.
 */

/** The bytes of a fixture fed through the decoder `chunkSize` bytes at a time, as a socket might. */
function replay(name: string, chunkSize: number): QwenEvent[] {
  const bytes = readFileSync(join(__dirname, 'fixtures', 'real', name));
  const decoder = new SseDecoder();
  const state = new QwenStreamState();
  const events: QwenEvent[] = [];
  for (let offset = 0; offset < bytes.length && !state.isEnded; offset += chunkSize) {
    for (const message of decoder.push(bytes.subarray(offset, offset + chunkSize))) {
      events.push(...framesOf(message.data).flatMap((frame) => state.push(frame)));
    }
  }
  for (const message of decoder.end()) events.push(...framesOf(message.data).flatMap((frame) => state.push(frame)));
  return [...events, ...state.end()];
}

function run(frames: unknown[]): QwenEvent[] {
  const state = new QwenStreamState();
  return [...frames.flatMap((frame) => state.push(frame)), ...state.end()];
}

function delta(fields: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { choices: [{ delta: { role: 'assistant', content: '', status: 'typing', ...fields } }], ...extra };
}

const answer = (content: string, extra: Record<string, unknown> = {}) => delta({ content, phase: 'answer' }, extra);
const finishedAnswer = (extra: Record<string, unknown> = {}) => delta({ phase: 'answer', status: 'finished' }, extra);

function textOf(events: QwenEvent[], type: 'text-delta' | 'reasoning-delta' = 'text-delta'): string {
  return events.map((event) => (event.type === type ? event.text : '')).join('');
}

function unknownShapes(events: QwenEvent[]) {
  return events.flatMap((event) => (event.type === 'unknown-shape' ? [event.shape] : []));
}

describe('QwenStreamState on late-2026 streams', () => {
  describe('two candidate answers in one stream (B3)', () => {
    // 1 byte splits every multi-byte character; 7 and 13 split frames and field names.
    it.each([1, 3, 7, 13, 64, 4096])('keeps candidate 0 only, fed %i bytes at a time', (chunkSize) => {
      const events = replay('weselow-2026-08-07-dual-response-interleaved.sse', chunkSize);
      expect(textOf(events)).toBe('巴黎');
      expect(events.filter((event) => event.type === 'response-created')).toEqual([
        { type: 'response-created', chatId: 'd8e2ce75', parentId: '4cc3a56d', responseId: '4f79335b' },
      ]);
      // Candidate 1 finished first; the answer must end on candidate 0's own finished frame.
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
    });

    it('waits for candidate 0 when candidate 1 is announced first', () => {
      const events = run([
        { 'response.created': { chat_id: 'c', response_id: 'one', response_index: '1' } },
        { 'response.created': { chat_id: 'c', response_id: 'zero', response_index: '0' } },
        answer('B', { response_id: 'one' }),
        answer('A', { response_id: 'zero' }),
        finishedAnswer({ response_id: 'one' }),
        finishedAnswer({ response_id: 'zero' }),
      ]);
      expect(textOf(events)).toBe('A');
      expect(events[0]).toEqual({ type: 'response-created', chatId: 'c', responseId: 'zero' });
    });

    it("never mixes the other candidate's reasoning, usage or tool-call markup into the answer", () => {
      const usage = (output: number) => ({ input_tokens: 10, output_tokens: output, total_tokens: 10 + output });
      const events = run([
        { 'response.created': { response_id: 'zero', response_index: '0' } },
        { 'response.created': { response_id: 'one', response_index: '1' } },
        delta({ phase: 'think', content: 'other thoughts' }, { response_id: 'one', usage: usage(99) }),
        answer('<tool_call>{"name":"x"', { response_id: 'one' }),
        answer('<tool_call>{"name":"read"}</tool_call>', { response_id: 'zero', usage: usage(5) }),
        answer('}</tool_call>', { response_id: 'one' }),
        finishedAnswer({ response_id: 'zero' }),
      ]);
      expect(textOf(events)).toBe('<tool_call>{"name":"read"}</tool_call>');
      expect(textOf(events, 'reasoning-delta')).toBe('');
      expect(events.find((event) => event.type === 'usage')).toEqual({
        type: 'usage',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      });
    });

    it("ignores the other candidate's in-stream error", () => {
      const events = run([
        { 'response.created': { response_id: 'zero', response_index: '0' } },
        { error: { code: 'internal_error', details: 'boom' }, response_id: 'one', response_index: 1 },
        answer('fine', { response_id: 'zero' }),
        finishedAnswer({ response_id: 'zero' }),
      ]);
      expect(textOf(events)).toBe('fine');
      expect(events.at(-1)?.type).toBe('finish');
    });

    it('falls back to the first response_id seen when no index is given', () => {
      const events = run([answer('first', { response_id: 'a' }), answer('second', { response_id: 'b' }), finishedAnswer({ response_id: 'a' })]);
      expect(textOf(events)).toBe('first');
    });
  });

  describe('stream endings (D9)', () => {
    it('ends on response.stopped', () => {
      const events = run([answer('done'), { 'response.stopped': { response_id: 'r' } }, answer('ignored')]);
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
      expect(textOf(events)).toBe('done');
    });

    it('ends on a frame with done:true', () => {
      const events = run([answer('done'), { done: true }]);
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
    });

    it('treats response.info with action skip_think as a notice, not an unknown frame', () => {
      const events = run([{ 'response.info': { action: 'skip_think' } }, answer('quick'), finishedAnswer()]);
      expect(textOf(events)).toBe('quick');
      expect(unknownShapes(events)).toEqual([]);
    });

    it('keeps parsing the response.output_text.delta envelope (SilverioSG, 2026-09)', () => {
      const events = replay('silveriosg-2026-09-response-output-text-delta.sse', 5);
      expect(textOf(events)).toBe('OK');
      expect(events[0]).toEqual({ type: 'response-created', chatId: 'c1', responseId: 'r1' });
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
    });
  });

  describe('phases (C8, D8)', () => {
    it.each(['DeepThinking', 'image_gen_think', 'ResearchPlanning'])('reads %s as reasoning', (phase) => {
      const events = run([delta({ phase, content: 'planning' }), answer('x'), finishedAnswer()]);
      expect(textOf(events, 'reasoning-delta')).toBe('planning');
      expect(textOf(events)).toBe('x');
    });

    it('ignores KeepAlive frames without recording them as new', () => {
      const events = run([delta({ phase: 'KeepAlive', content: 'ping' }), answer('x'), finishedAnswer()]);
      expect(textOf(events)).toBe('x');
      expect(unknownShapes(events)).toEqual([]);
    });

    it('reads summary_content as an alias of summary_thought', () => {
      const events = run([delta({ phase: 'thinking_summary', extra: { summary_content: { content: ['step one'] } } }), answer('x'), finishedAnswer()]);
      expect(textOf(events, 'reasoning-delta')).toBe('step one');
    });

    it.each(['image_gen_tool', 'image_edit', 'image_edit_tool', 'generate_image'])(
      'shows an image drawn by the %s phase inside a text chat as markdown, and keeps talking',
      (phase) => {
        const events = run([
          answer('Here it is:'),
          delta({ phase, extra: { image_list: [{ url: 'https://cdn.example/a.png' }] } }),
          delta({ phase, status: 'finished', extra: { tool_result: ['https://cdn.example/b.png', 'https://cdn.example/a.png'] } }),
          answer(' Enjoy.'),
          finishedAnswer(),
        ]);
        expect(textOf(events)).toBe('Here it is:\n\n![image](https://cdn.example/a.png)\n\n![image](https://cdn.example/b.png) Enjoy.');
        expect(events.at(-1)?.type).toBe('finish');
      },
    );
  });

  describe('search sources (D7)', () => {
    it('collects web_extract_info and tool_result.docs with the number their [[n]] markers use', () => {
      const events = run([
        delta({ phase: 'web_search', extra: { web_extract_info: [{ url: 'https://a.example', title: 'A' }] } }),
        delta({ phase: 'web_search', extra: { tool_result: { docs: [{ url: 'https://b.example', title: 'B', used_id: 2 }, { url: 'https://c.example', used_id: '3' }] } } }),
        answer('Paris [[2]].'),
        finishedAnswer(),
      ]);
      expect(events.filter((event) => event.type === 'source')).toEqual([
        { type: 'source', source: { url: 'https://a.example', title: 'A' } },
        { type: 'source', source: { url: 'https://b.example', title: 'B', citationNumber: 2 } },
        { type: 'source', source: { url: 'https://c.example', citationNumber: 3 } },
      ]);
      // The marker stays in the text; the surfaces point their annotations at it.
      expect(textOf(events)).toBe('Paris [[2]].');
    });

    it('replays the DOC-A search-v2 era answer with cached prompt tokens kept in usage (C7)', () => {
      const events = replay('doc-a-2026-08-25-thinking-summary-answer.sse', 11);
      expect(textOf(events)).toBe('17 * 19 = 323.');
      expect(textOf(events, 'reasoning-delta')).toContain('The outcome is 323.');
      expect(events.find((event) => event.type === 'usage')).toEqual({
        type: 'usage',
        usage: { inputTokens: 827, outputTokens: 477, totalTokens: 1304, reasoningTokens: 439, cachedInputTokens: 0 },
      });
    });
  });

  describe('unknown shapes are recorded, not swallowed', () => {
    it('records an unknown phase once, with its bytes, and does not show its content', () => {
      const events = run([delta({ phase: 'hologram', content: 'secret tool output' }), delta({ phase: 'hologram', content: 'more' }), answer('x'), finishedAnswer()]);
      expect(textOf(events)).toBe('x');
      const shapes = unknownShapes(events);
      expect(shapes).toHaveLength(1);
      expect(shapes[0]).toMatchObject({ kind: 'phase', name: 'hologram' });
      expect(shapes[0]?.sample).toContain('secret tool output');
    });

    it('records an error code the classifier does not know', () => {
      const events = run([{ error: { code: 'Brand_New', details: 'what is this' } }]);
      expect(unknownShapes(events)).toEqual([expect.objectContaining({ kind: 'error', name: 'Brand_New' })]);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'qwen_error' } });
    });

    it('keeps at most five samples per stream, each at most 2 KB, with tokens and e-mail addresses redacted', () => {
      const jwt = `eyJ${'a'.repeat(20)}.${'b'.repeat(20)}.${'c'.repeat(20)}`;
      const frames = Array.from({ length: 8 }, (_, index) => ({ [`novel_${index}`]: `${jwt} me@example.com https://oss.example/x.png?sig=abc ${'z'.repeat(5000)}` }));
      const events = run([...frames, answer('x'), finishedAnswer()]);
      const shapes = unknownShapes(events);
      expect(shapes).toHaveLength(5);
      for (const shape of shapes) {
        expect(shape.sample.length).toBeLessThanOrEqual(2048);
        expect(shape.sample).not.toContain(jwt);
        expect(shape.sample).not.toContain('me@example.com');
        expect(shape.sample).not.toContain('sig=abc');
      }
    });
  });
});
