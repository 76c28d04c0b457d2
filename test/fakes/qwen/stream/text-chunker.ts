/** How many words go into one delta when the caller does not choose the chunks. */
const WORDS_PER_DELTA = 2;

/**
 * Cuts an answer into the small deltas a streaming model sends: a couple of words each, whitespace
 * kept with the word before it, so that joining the pieces gives back the exact text.
 */
export function splitIntoDeltas(text: string): string[] {
  const words = text.match(/\s+|\S+\s*/g) ?? [];
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += WORDS_PER_DELTA) {
    deltas.push(words.slice(index, index + WORDS_PER_DELTA).join(''));
  }
  return deltas;
}
