import { chunkEndMarker, chunkTexts, defaultMockAnswer, parseMockAnswer } from './mock-answer';

describe('chunkTexts', () => {
  it('spreads the answer over the chunks, each ending with the marker', () => {
    const texts = chunkTexts({ ...defaultMockAnswer, chunks: 4, answerCharacters: 40 });
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      expect(text).toHaveLength(10);
      expect(text.endsWith(chunkEndMarker)).toBe(true);
      expect(text.indexOf(chunkEndMarker)).toBe(9);
    }
  });

  it('keeps at least the marker when the answer is smaller than the chunk count', () => {
    expect(chunkTexts({ ...defaultMockAnswer, chunks: 3, answerCharacters: 1 })).toEqual(['|', '|', '|']);
  });
});

describe('parseMockAnswer', () => {
  it('fills what is missing or invalid from the defaults', () => {
    expect(parseMockAnswer({ chunks: 200, chunkIntervalMs: 'fast' })).toEqual({ ...defaultMockAnswer, chunks: 200 });
    expect(parseMockAnswer(null)).toEqual(defaultMockAnswer);
  });
});
