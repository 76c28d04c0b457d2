import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SafeStoragePort } from '../ports/electron-ports';
import type { DesktopLogger } from '../desktop-logger';

/** The key file the API writes when it gets no SECRET_KEY (libs/persistence `secretKeyFileName`). */
const plainKeyFileName = 'secret.key';
export const protectedKeyFileName = 'secret-key.safe-storage';

/** What the API gets: a SECRET_KEY, or nothing so that it uses its own key file. */
export type SecretKeyChoice = { secretKey: string; protection: 'safe-storage' } | { secretKey: undefined; protection: 'key-file'; reason: string };

/** The protected key exists but cannot be read: starting with another key would orphan every stored secret. */
export class SecretKeyUnavailableError extends Error {
  override readonly name = 'SecretKeyUnavailableError';
}

/**
 * The key for secrets at rest, protected by the operating system's secret store through
 * Electron's `safeStorage` (Keychain, DPAPI, libsecret/kwallet). 32 random bytes are made once
 * and kept only encrypted in the data folder; the API receives them as SECRET_KEY, so no
 * plain key file is written. Without a real secret store the API's key file is used, and the
 * log says why.
 */
export class SafeStorageSecretKey {
  constructor(
    private readonly safeStorage: SafeStoragePort,
    private readonly dataDirectory: string,
    private readonly logger: DesktopLogger,
  ) {}

  /** Must run after Electron is ready: safeStorage cannot reach the keyring before. */
  resolve(): SecretKeyChoice {
    const protectedPath = join(this.dataDirectory, protectedKeyFileName);
    if (existsSync(protectedPath)) return { secretKey: this.readProtectedKey(protectedPath), protection: 'safe-storage' };

    const unavailableReason = this.unavailableReason();
    if (unavailableReason) return this.useKeyFile(unavailableReason);
    // Secrets already encrypted with the plain key file (a run without a keyring) stay readable
    // only with that key; SECRET_KEY is hashed by the API, so it cannot carry the same bytes.
    if (existsSync(join(this.dataDirectory, plainKeyFileName))) {
      return this.useKeyFile(`${plainKeyFileName} already holds the key of the stored secrets; it stays in use`);
    }

    const secretKey = randomBytes(32).toString('base64');
    this.writeAtomically(protectedPath, this.safeStorage.encryptString(secretKey));
    this.logger.info(`Created the key for secrets at rest, protected by the system's secret store (${protectedKeyFileName}).`);
    return { secretKey, protection: 'safe-storage' };
  }

  private readProtectedKey(path: string): string {
    const unavailableReason = this.unavailableReason();
    if (unavailableReason) {
      throw new SecretKeyUnavailableError(
        `The key for the stored Qwen credentials is protected by the system's secret store, which is not available now (${unavailableReason}). Unlock or start the keyring, then open Qwen Proxy again.`,
      );
    }
    try {
      return this.safeStorage.decryptString(readFileSync(path));
    } catch (error) {
      throw new SecretKeyUnavailableError(
        `The key for the stored Qwen credentials (${path}) cannot be decrypted by this user's secret store: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
  }

  private unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) return 'safeStorage reports that encryption is not available';
    // On Linux without a keyring Chromium falls back to a hard-coded password: encrypted in name only.
    if (this.safeStorage.selectedStorageBackend() === 'basic_text') return 'no keyring (gnome-keyring, KWallet) is running, so safeStorage would use a fixed password';
    return undefined;
  }

  private useKeyFile(reason: string): SecretKeyChoice {
    this.logger.warn(`Secrets at rest use the key file ${join(this.dataDirectory, plainKeyFileName)} (readable by this user only): ${reason}.`);
    return { secretKey: undefined, protection: 'key-file', reason };
  }

  private writeAtomically(path: string, content: Buffer): void {
    mkdirSync(dirname(path), { recursive: true });
    const temporaryPath = `${path}.tmp`;
    writeFileSync(temporaryPath, content, { mode: 0o600 });
    renameSync(temporaryPath, path);
  }
}
