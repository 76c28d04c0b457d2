import { createHash } from 'node:crypto';

/** What OpenAI's `text-embedding-3-*` models give without `dimensions`, shortened for tests. */
export const defaultEmbeddingDimensions = 8;

/**
 * The fake's vector of one input (a string or a token-id list): numbers from a hash of the input,
 * the same every time, scaled to length 1 as OpenAI's are, and float32-exact so that the float
 * and base64 answers of one input hold the very same numbers.
 */
export function embeddingVector(input: string | readonly number[], dimensions = defaultEmbeddingDimensions): number[] {
  const seed = typeof input === 'string' ? `text:${input}` : `tokens:${input.join(',')}`;
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${seed}#${block}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push(digest.readUInt32LE(offset) / 0xffffffff - 0.5);
    }
  }
  const length = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / length));
}

/** OpenAI's `encoding_format: "base64"`: the float32 numbers, little-endian, base64-encoded. */
export function base64OfVector(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, position) => bytes.writeFloatLE(value, position * 4));
  return bytes.toString('base64');
}

/** The fake's token count of one input: words of a string (a stand-in for a tokenizer), ids of a token list. */
export function embeddingInputTokens(input: string | readonly number[]): number {
  return typeof input === 'string' ? input.split(/\s+/).filter(Boolean).length || 1 : input.length;
}
