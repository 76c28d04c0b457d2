import { evenPieces, piecesOf, wordPieces } from './text-pieces';

describe(wordPieces.name, () => {
  it('cuts before each word and keeps every character', () => {
    expect(wordPieces('Hello, big  world! ')).toEqual(['Hello,', ' big', '  world! ']);
    expect(wordPieces('  ')).toEqual(['  ']);
    expect(wordPieces('')).toEqual([]);
  });
});

describe(evenPieces.name, () => {
  it('cuts into about equal pieces without splitting a character', () => {
    const pieces = evenPieces('ab👋cd', 3);
    expect(pieces).toEqual(['ab', '👋', 'cd']);
    expect(pieces.join('')).toBe('ab👋cd');
  });

  it('gives no more pieces than characters', () => {
    expect(evenPieces('ab', 10)).toEqual(['a', 'b']);
  });
});

describe(piecesOf.name, () => {
  it('takes given pieces as they are', () => {
    expect(piecesOf('abc', ['a', 'bc'])).toEqual(['a', 'bc']);
    expect(piecesOf('a b', undefined)).toEqual(['a', ' b']);
  });
});
