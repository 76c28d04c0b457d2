import { generateApiKeySecret, hashApiKey } from './api-key-secret';

describe(generateApiKeySecret.name, () => {
  it('makes an sk-qp- key of 32 random bytes, its SHA-256 and a short display prefix', () => {
    const sut = generateApiKeySecret();
    expect(sut.key).toMatch(/^sk-qp-[A-Za-z0-9_-]{43}$/);
    expect(sut.hash).toBe(hashApiKey(sut.key));
    expect(sut.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.displayPrefix).toBe(sut.key.slice(0, 12));
    expect(generateApiKeySecret().key).not.toBe(sut.key);
  });
});
