/**
 * Pieces of at most this many characters. o200k's byte-pair merge is quadratic in the length of
 * one pre-tokenizer word, and a run without whitespace (base64 pasted as text, minified code, a
 * line of CJK) is one word: 117 KB of letters took 6.3 s, 100 KB of `!` 7.2 s. Cut into 512-char
 * pieces the same inputs take 0.1–0.5 s (linear), and the count moves by at most one token per
 * cut: +0.06 % on random base64, +0.08 % on minified JavaScript, 0 % on prose and on CJK
 * (measured with gpt-tokenizer 3.4 on Node 20).
 */
export const defaultMaxPieceChars = 512;

const space = 0x20;
const tab = 0x09;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * The text cut into pieces of at most `maxPieceChars`, each cut placed before a whitespace in
 * the last quarter of the piece when there is one (where the tokenizer splits anyway, so the
 * count does not change), otherwise at the limit, never inside a surrogate pair.
 */
export function boundedPieces(text: string, maxPieceChars = defaultMaxPieceChars): string[] {
  if (text.length <= maxPieceChars) return [text];
  const pieces: string[] = [];
  const lookBack = Math.max(1, Math.floor(maxPieceChars / 4));
  let start = 0;
  while (text.length - start > maxPieceChars) {
    let cut = -1;
    for (let index = start + maxPieceChars; index > start + maxPieceChars - lookBack; index -= 1) {
      const code = text.charCodeAt(index);
      if (code === space || code === lineFeed || code === tab || code === carriageReturn) {
        cut = index;
        break;
      }
    }
    if (cut === -1) {
      cut = start + maxPieceChars;
      if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
    }
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
