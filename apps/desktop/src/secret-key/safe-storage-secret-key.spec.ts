import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecretKey } from '@qwen-proxy/persistence';
import type { DesktopLogger } from '../desktop-logger';
import { FakeSafeStorage } from '../testing/fake-electron';
import { protectedKeyFileName, SafeStorageSecretKey, SecretKeyUnavailableError } from './safe-storage-secret-key';

describe(SafeStorageSecretKey.name, () => {
  let dataDirectory: string;
  let safeStorage: FakeSafeStorage;
  let warnings: string[];
  let logger: DesktopLogger;

  beforeEach(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-desktop-key-'));
    safeStorage = new FakeSafeStorage();
    warnings = [];
    logger = { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
  });
  afterEach(() => rmSync(dataDirectory, { recursive: true, force: true }));

  const sut = () => new SafeStorageSecretKey(safeStorage, dataDirectory, logger);

  it('creates 32 random bytes once, stores them only encrypted, and gives the same key on the next start', () => {
    const first = sut().resolve();

    expect(first.protection).toBe('safe-storage');
    expect(Buffer.from(first.secretKey!, 'base64')).toHaveLength(32);
    const stored = readFileSync(join(dataDirectory, protectedKeyFileName));
    expect(stored.toString()).not.toContain(first.secretKey);
    expect(safeStorage.decryptString(stored)).toBe(first.secretKey);
    expect(existsSync(join(dataDirectory, 'secret.key'))).toBe(false);
    expect(sut().resolve()).toEqual(first);
  });

  it('gives the API a SECRET_KEY that makes it skip its plain key file', () => {
    const { secretKey } = sut().resolve();

    const apiKey = loadOrCreateSecretKey(dataDirectory, secretKey);

    expect(apiKey).toHaveLength(32);
    expect(existsSync(join(dataDirectory, 'secret.key'))).toBe(false);
  });

  it('falls back to the key file, saying why, when safeStorage cannot encrypt', () => {
    safeStorage.available = false;

    const choice = sut().resolve();

    expect(choice).toEqual({ secretKey: undefined, protection: 'key-file', reason: expect.stringContaining('not available') });
    expect(warnings.join('\n')).toMatch(/secret\.key.*not available/);
    expect(existsSync(join(dataDirectory, protectedKeyFileName))).toBe(false);
  });

  it('treats Linux basic_text (no keyring, a fixed password) as no protection', () => {
    safeStorage.backend = 'basic_text';

    expect(sut().resolve()).toMatchObject({ protection: 'key-file', reason: expect.stringContaining('keyring') });
  });

  it('keeps an existing key file: the secrets already stored were encrypted with it', () => {
    writeFileSync(join(dataDirectory, 'secret.key'), Buffer.alloc(32, 7).toString('base64'));

    expect(sut().resolve()).toMatchObject({ protection: 'key-file', reason: expect.stringContaining('stays in use') });
    expect(existsSync(join(dataDirectory, protectedKeyFileName))).toBe(false);
  });

  it('refuses to start with another key when the protected one exists but the keyring is gone', () => {
    sut().resolve();
    safeStorage.available = false;

    expect(() => sut().resolve()).toThrow(SecretKeyUnavailableError);
    expect(existsSync(join(dataDirectory, 'secret.key'))).toBe(false);
  });

  it('refuses to start when the protected key cannot be decrypted', () => {
    writeFileSync(join(dataDirectory, protectedKeyFileName), 'garbage from another user');

    expect(() => sut().resolve()).toThrow(/cannot be decrypted/);
  });
});
