import { boundedPieces } from './bounded-pieces';

describe(boundedPieces.name, () => {
  it('keeps a short text whole', () => {
    expect(boundedPieces('Hello world', 512)).toEqual(['Hello world']);
  });

  it('cuts before a whitespace near the limit, losing nothing', () => {
    const text = 'word '.repeat(300);
    const pieces = boundedPieces(text, 512);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((piece) => piece.length <= 512)).toBe(true);
    expect(pieces.slice(1).every((piece) => piece.startsWith(' '))).toBe(true);
  });

  it('cuts a run without whitespace at the limit', () => {
    const text = 'a'.repeat(2_000);
    expect(boundedPieces(text, 512).map((piece) => piece.length)).toEqual([512, 512, 512, 464]);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(600);
    const pieces = boundedPieces(text, 511);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((piece) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(piece))).toBe(true);
  });
});
