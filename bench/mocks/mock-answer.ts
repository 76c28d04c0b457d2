/**
 * What a mock upstream answers and how fast. Set per scenario (POST /__bench/answer) so every
 * target of a scenario meets the very same upstream.
 */
export interface MockAnswer {
  /** Wait before the first byte of the answer (the model "thinking"). */
  firstByteDelayMs: number;
  /** Answer deltas per response. */
  chunks: number;
  /** Wait between two deltas; 0 writes them all at once. */
  chunkIntervalMs: number;
  /** Total characters of answer text, spread evenly over the chunks. */
  answerCharacters: number;
}

export const defaultMockAnswer: MockAnswer = {
  firstByteDelayMs: 0,
  chunks: 10,
  chunkIntervalMs: 0,
  answerCharacters: 200,
};

/**
 * Every chunk's text ends with this character and no other text of any wire format holds it, so
 * a client counts delivered chunks, and spots the first one, by scanning for one byte.
 */
export const chunkEndMarker = '|';

/** The text of each chunk: `size − 1` letters and the end marker. */
export function chunkTexts(answer: MockAnswer): string[] {
  const size = Math.max(1, Math.floor(answer.answerCharacters / Math.max(1, answer.chunks)));
  const text = 'a'.repeat(size - 1) + chunkEndMarker;
  return Array.from({ length: answer.chunks }, () => text);
}

/** Accepts a partial answer from the harness and fills the rest from the defaults. */
export function parseMockAnswer(input: unknown): MockAnswer {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Partial<Record<keyof MockAnswer, unknown>>;
  const number = (key: keyof MockAnswer): number => {
    const value = given[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : defaultMockAnswer[key];
  };
  return {
    firstByteDelayMs: number('firstByteDelayMs'),
    chunks: Math.max(1, Math.floor(number('chunks'))),
    chunkIntervalMs: number('chunkIntervalMs'),
    answerCharacters: Math.max(1, Math.floor(number('answerCharacters'))),
  };
}
