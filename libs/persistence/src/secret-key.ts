import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory, restrictFile } from './private-files';

export const secretKeyFileName = 'secret.key';

/**
 * The key for secrets at rest: from configuration when given (any string, stretched to 32 bytes
 * with SHA-256), otherwise a random key created once in the data folder, readable only by the
 * owner.
 */
export function loadOrCreateSecretKey(dataDirectory: string, configuredKey?: string): Buffer {
  if (configuredKey) return createHash('sha256').update(configuredKey, 'utf8').digest();
  const path = join(dataDirectory, secretKeyFileName);
  if (existsSync(path)) {
    restrictFile(path);
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key; restore it or remove it (stored secrets will then be unreadable).`);
    return key;
  }
  ensurePrivateDirectory(dataDirectory);
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}
