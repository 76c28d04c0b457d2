import { OpenAiChunkMapper } from './openai-chunk.mapping';

const options = { id: 'chatcmpl-1', model: 'qwen3-max', created: 1_772_726_060 };

describe(OpenAiChunkMapper.name, () => {
  it('puts the role on the first chunk only and keeps one id', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: false });
    const chunks = [
      ...sut.map({ type: 'response-start', model: 'qwen3-max', provider: 'qwen-web' }),
      ...sut.map({ type: 'text-delta', text: 'Hel' }),
      ...sut.map({ type: 'text-delta', text: 'lo' }),
      ...sut.map({ type: 'finish', reason: 'stop', truncated: false }),
      ...sut.end(),
    ];
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hel' }, { content: 'lo' }, {}]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-1']));
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('sends reasoning as reasoning_content and skips empty deltas', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: false });
    expect(sut.map({ type: 'reasoning-delta', text: 'hmm' })[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '', reasoning_content: 'hmm' });
    expect(sut.map({ type: 'text-delta', text: '' })).toEqual([]);
  });

  it('with include_usage: usage null on every chunk, then a usage chunk with no choices', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: true });
    const chunks = [
      ...sut.map({ type: 'text-delta', text: 'Hi' }),
      ...sut.map({ type: 'usage', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, reasoningTokens: 1 } }),
      ...sut.map({ type: 'finish', reason: 'stop', truncated: false }),
      ...sut.end(),
    ];
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, completion_tokens_details: { reasoning_tokens: 1 } },
    });
  });

  it('sends search sources as url citations in a delta before the finish chunk', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: false });
    sut.map({ type: 'text-delta', text: 'Found.' });
    sut.map({ type: 'source', source: { url: 'https://example.com/a', title: 'A' } });
    sut.map({ type: 'finish', reason: 'stop', truncated: false });
    const [citations, finish] = sut.end();
    expect(citations!.choices[0]!.delta).toEqual({ annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com/a', title: 'A', start_index: 0, end_index: 0 } }] });
    expect(finish!.choices[0]!.finish_reason).toBe('stop');
  });

  it('places the annotation of a numbered source on each of its [[n]] markers, leaving the markers in the text', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: false });
    sut.map({ type: 'text-delta', text: 'Intro. ' });
    sut.map({ type: 'source', source: { url: 'https://example.com/b', title: 'B', citationNumber: 2 } });
    sut.map({ type: 'source', source: { url: 'https://example.com/c', citationNumber: 3 } });
    const text = ['Paris [[', '2]] is big [[2]].'];
    const deltas = text.flatMap((part) => sut.map({ type: 'text-delta', text: part }));
    sut.map({ type: 'finish', reason: 'stop', truncated: false });
    const [citations] = sut.end();
    const whole = 'Intro. ' + text.join('');
    expect(deltas.map((chunk) => chunk.choices[0]!.delta['content']).join('')).toBe('Paris [[2]] is big [[2]].');
    const annotations = citations!.choices[0]!.delta['annotations'] as { url_citation: { url: string; start_index: number; end_index: number } }[];
    expect(annotations.map((annotation) => [annotation.url_citation.url, whole.slice(annotation.url_citation.start_index, annotation.url_citation.end_index)])).toEqual([
      ['https://example.com/b', '[[2]]'],
      ['https://example.com/b', '[[2]]'],
      // Never cited in the text: one unplaced annotation.
      ['https://example.com/c', ''],
    ]);
    expect(annotations[0]!.url_citation.start_index).toBe(whole.indexOf('[[2]]'));
  });

  it('reports a truncated answer as finish_reason length and tool calls in SDK order', () => {
    const sut = new OpenAiChunkMapper({ ...options, includeUsage: false });
    const start = sut.map({ type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' });
    expect(start[0]!.choices[0]!.delta).toEqual({
      role: 'assistant',
      content: '',
      tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }],
    });
    sut.map({ type: 'finish', reason: 'stop', truncated: true });
    expect(sut.end().at(-1)!.choices[0]!.finish_reason).toBe('length');
  });
});
