import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const algorithm = 'aes-256-gcm';
const formatVersion = 'v1';

/**
 * Encrypts secrets (cookies, tokens, provider keys) before they reach the database.
 * Format: `v1:<iv>:<auth tag>:<ciphertext>`, base64 parts. GCM authenticates, so a tampered
 * or foreign-key value fails loudly instead of decrypting to garbage.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error(`The secret key must be 32 bytes, got ${key.length}.`);
    this.key = key;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(algorithm, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [formatVersion, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split(':');
    if (version !== formatVersion || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('Stored secret is not in a known encrypted format.');
    }
    const decipher = createDecipheriv(algorithm, this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  isEncrypted(stored: string): boolean {
    return stored.startsWith(`${formatVersion}:`) && stored.split(':').length === 4;
  }
}
