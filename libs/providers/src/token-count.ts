/**
 * Tokens of a text, counted with o200k (gpt-tokenizer's default). Qwen's own tokenizer is not
 * published for JavaScript; o200k lands close for English and code and is a real count, not a
 * characters/4 guess.
 *
 * The encoding is loaded on first use: it costs about 70 MB of memory, and a proxy whose
 * upstream always reports usage never needs it.
 */
export function countTextTokens(text: string): number {
  if (!text) return 0;
  tokenizer ??= loadTokenizer();
  return tokenizer(text);
}

let tokenizer: ((text: string) => number) | undefined;

function loadTokenizer(): (text: string) => number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { countTokens } = require('gpt-tokenizer') as typeof import('gpt-tokenizer');
  return (text) => countTokens(text);
}
