import { summarizeEmbeddingAnswer } from './embedding-log-summary';

describe(summarizeEmbeddingAnswer.name, () => {
  it('keeps each vector as its index and length, and the other fields as they are', () => {
    const summary = summarizeEmbeddingAnswer({
      object: 'list',
      model: 'text-embedding-3-small',
      data: [
        { object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] },
        { object: 'embedding', index: 1, embedding: [0.4, 0.5, 0.6] },
      ],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });

    expect(summary).toEqual({
      object: 'list',
      model: 'text-embedding-3-small',
      data: [
        { index: 0, dimensions: 3 },
        { index: 1, dimensions: 3 },
      ],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
    expect(JSON.stringify(summary)).not.toContain('0.5');
  });

  it('counts the float32 numbers of a base64 vector without keeping the text', () => {
    const floats = Buffer.from(new Float32Array([1, 2, 3, 4, 5]).buffer).toString('base64');

    const summary = summarizeEmbeddingAnswer({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: floats }] });

    expect(summary['data']).toEqual([{ index: 0, dimensions: 5, encoding: 'base64' }]);
    expect(JSON.stringify(summary)).not.toContain(floats);
  });

  it('says null for an item without a vector, and an empty list for an answer without data', () => {
    expect(summarizeEmbeddingAnswer({ data: [{ index: 3 }] })['data']).toEqual([{ index: 3, dimensions: null }]);
    expect(summarizeEmbeddingAnswer({ object: 'list' })).toEqual({ object: 'list', data: [] });
  });
});
