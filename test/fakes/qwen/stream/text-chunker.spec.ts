import { splitIntoDeltas } from './text-chunker';

describe(splitIntoDeltas.name, () => {
  it('cuts text into several pieces that join back to the exact text', () => {
    const text = '  You said: "héllo 世界 🎉"\n(turn 1)  ';
    const deltas = splitIntoDeltas(text);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(text);
  });

  it('gives no delta for empty text', () => {
    expect(splitIntoDeltas('')).toEqual([]);
  });
});
