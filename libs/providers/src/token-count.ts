import { boundedPieces } from './tokenizer/bounded-pieces';

/**
 * Tokens of a text, counted with o200k (gpt-tokenizer's default): the count for OpenAI-compatible
 * upstreams, and the bounded synchronous estimate (token budgets, a hang-up's delivered tokens).
 * Qwen's own tokenizer (`qwen3TokenizerModule`) costs 2.5 s to load and so runs only on workers. The text is counted in bounded pieces (see `boundedPieces`), so the cost
 * is linear in its length; this runs on the calling thread, so callers keep long texts for
 * `TokenCounter` (a worker).
 *
 * The encoding is loaded on first use: it costs about 70 MB of memory, and a proxy whose
 * upstream always reports usage never needs it.
 */
export function countTextTokens(text: string): number {
  if (!text) return 0;
  tokenizer ??= loadTokenizer();
  let total = 0;
  for (const piece of boundedPieces(text)) total += tokenizer(piece);
  return total;
}

/** Characters of each of the three samples `estimateTextTokens` counts exactly. */
const sampleChars = 4 * 1024;

/**
 * A bounded-time estimate for code that cannot wait for a worker: exact up to 12 KB, beyond it
 * the token density of three 4 KB samples (start, middle, end) times the length.
 */
export function estimateTextTokens(text: string): number {
  if (text.length <= sampleChars * 3) return countTextTokens(text);
  const middle = Math.floor(text.length / 2 - sampleChars / 2);
  const samples = [text.slice(0, sampleChars), text.slice(middle, middle + sampleChars), text.slice(text.length - sampleChars)];
  const sampled = samples.reduce((sum, sample) => sum + countTextTokens(sample), 0);
  return Math.ceil((sampled / (sampleChars * 3)) * text.length);
}

let tokenizer: ((text: string) => number) | undefined;

function loadTokenizer(): (text: string) => number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { countTokens } = require('gpt-tokenizer') as typeof import('gpt-tokenizer');
  return (text) => countTokens(text);
}
