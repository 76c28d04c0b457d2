import { UploadCache, uploadCacheKey } from './upload-cache';

describe(UploadCache.name, () => {
  it('creates once per key within the lifetime, and again after it', async () => {
    let now = 0;
    const sut = new UploadCache<string>({ ttlMs: 1000, now: () => now });
    const create = jest.fn(async () => 'file');
    await sut.getOrCreate('a', create);
    await sut.getOrCreate('a', create);
    expect(create).toHaveBeenCalledTimes(1);
    now = 1001;
    await sut.getOrCreate('a', create);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('shares one creation between concurrent callers', async () => {
    const sut = new UploadCache<string>();
    const create = jest.fn(() => new Promise<string>((resolve) => setTimeout(() => resolve('file'), 5)));
    expect(await Promise.all([sut.getOrCreate('a', create), sut.getOrCreate('a', create)])).toEqual(['file', 'file']);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed creation so the next call tries again', async () => {
    const sut = new UploadCache<string>();
    await expect(sut.getOrCreate('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sut.getOrCreate('a', async () => 'file')).toBe('file');
  });

  it('drops the oldest entries beyond its size', async () => {
    const sut = new UploadCache<string>({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await sut.getOrCreate(key, async () => key);
    expect(sut.size).toBe(2);
    const create = jest.fn(async () => 'again');
    await sut.getOrCreate('a', create);
    expect(create).toHaveBeenCalled();
  });

  it('keys by account and content', () => {
    expect(uploadCacheKey('account-1', 'abc')).not.toBe(uploadCacheKey('account-2', 'abc'));
  });
});
