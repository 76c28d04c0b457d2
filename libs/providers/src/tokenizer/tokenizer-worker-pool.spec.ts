import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTextTokens } from '../token-count';
import { o200kTokenizerModule, type TokenizerModule } from './tokenizer-module';
import { TokenizerWorkerPool } from './tokenizer-worker-pool';

/** A stand-in tokenizer: one token per character, and a text that never finishes. */
function fakeTokenizerModule(): TokenizerModule {
  const modulePath = join(mkdtempSync(join(tmpdir(), 'tokenizer-')), 'characters.js');
  writeFileSync(modulePath, "exports.characters = (text) => { if (text === 'hang') for (;;); return text.length; };\n");
  return { name: 'o200k', modulePath, exportName: 'characters', shape: 'count' };
}

describe(TokenizerWorkerPool.name, () => {
  let sut: TokenizerWorkerPool;
  afterEach(() => sut.close());

  it('counts on a worker what the inline counter counts', async () => {
    sut = new TokenizerWorkerPool({ tokenizer: o200kTokenizerModule, size: 1, timeoutMs: 60_000 });
    const text = `${'The quick brown fox jumps over the lazy dog. '.repeat(200)}${'QUJD'.repeat(2_000)}`;
    await expect(sut.count(text)).resolves.toBe(countTextTokens(text));
  });

  it('runs any tokenizer module (the worker knows none), over the text cut into bounded pieces', async () => {
    sut = new TokenizerWorkerPool({ tokenizer: fakeTokenizerModule(), size: 2, timeoutMs: 60_000 });
    await expect(Promise.all([sut.count('abc'), sut.count('x'.repeat(5_000))])).resolves.toEqual([3, 5_000]);
  });

  it('abandons a count past its time limit and counts the next one on a fresh worker', async () => {
    sut = new TokenizerWorkerPool({ tokenizer: fakeTokenizerModule(), size: 1, timeoutMs: 3_000 });
    await expect(sut.count('hang')).rejects.toMatchObject({ reason: 'timeout' });
    await expect(sut.count('abcd')).resolves.toBe(4);
  });

  it('refuses after close', async () => {
    sut = new TokenizerWorkerPool({ tokenizer: fakeTokenizerModule(), size: 1, timeoutMs: 1_000 });
    await sut.close();
    await expect(sut.count('hello')).rejects.toMatchObject({ reason: 'closed' });
  });
});
