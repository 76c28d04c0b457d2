/** Word by word, each word with the whitespace before it, as tokenizers tend to cut English. */
export function wordPieces(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? [];
  const covered = pieces.join('').length;
  // Trailing whitespace belongs to the last piece, so the pieces always join to the text.
  if (covered < text.length) {
    if (pieces.length === 0) return [text];
    pieces[pieces.length - 1] += text.slice(covered);
  }
  return pieces;
}

/** `count` pieces of about equal length, never splitting a character (emoji included). */
export function evenPieces(text: string, count: number): string[] {
  const characters = Array.from(text);
  const pieceCount = Math.max(1, Math.min(Math.floor(count), characters.length));
  const pieces: string[] = [];
  for (let piece = 0; piece < pieceCount; piece += 1) {
    const start = Math.round((piece * characters.length) / pieceCount);
    const end = Math.round(((piece + 1) * characters.length) / pieceCount);
    pieces.push(characters.slice(start, end).join(''));
  }
  return pieces.filter((piece) => piece !== '');
}

/** The pieces an answer's text is streamed in. */
export function piecesOf(text: string, chunks?: number | string[]): string[] {
  if (Array.isArray(chunks)) return chunks;
  if (chunks !== undefined) return evenPieces(text, chunks);
  return wordPieces(text);
}
