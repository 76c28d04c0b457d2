import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretCipher } from './secret-cipher';
import { loadOrCreateSecretKey, secretKeyFileName } from './secret-key';

describe(SecretCipher.name, () => {
  const sut = new SecretCipher(Buffer.alloc(32, 7));

  it('round-trips a secret and never stores the plaintext', () => {
    const stored = sut.encrypt('token=abc; acw_tc=xyz');
    expect(stored).not.toContain('abc');
    expect(sut.isEncrypted(stored)).toBe(true);
    expect(sut.decrypt(stored)).toBe('token=abc; acw_tc=xyz');
  });

  it('uses a fresh nonce each time', () => {
    expect(sut.encrypt('same')).not.toBe(sut.encrypt('same'));
  });

  it('fails loudly on tampering or on a different key', () => {
    const stored = sut.encrypt('secret');
    const parts = stored.split(':');
    parts[3] = Buffer.from('Xecret').toString('base64');
    expect(() => sut.decrypt(parts.join(':'))).toThrow();
    expect(() => new SecretCipher(Buffer.alloc(32, 8)).decrypt(stored)).toThrow();
    expect(() => sut.decrypt('plain text')).toThrow(/known encrypted format/);
  });
});

describe(loadOrCreateSecretKey.name, () => {
  it('creates the key file once with owner-only permissions and reuses it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'key-'));
    try {
      const first = loadOrCreateSecretKey(directory);
      expect(statSync(join(directory, secretKeyFileName)).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSecretKey(directory).equals(first)).toBe(true);
      expect(loadOrCreateSecretKey(directory, 'configured').equals(first)).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
