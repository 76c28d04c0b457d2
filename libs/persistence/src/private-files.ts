import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data folder holds credentials (encrypted, with their key beside them), the admin token and
 * the request log: only its owner may read it, whatever the umask. A folder we cannot change
 * (owned by someone else) is left as it is: the files inside are still made private.
 */
export function ensurePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  try {
    chmodSync(path, 0o700);
  } catch {
    // Not ours to change; the files below still get 0600.
  }
}

/** Creates `path` empty when missing and makes it readable and writable by its owner only. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Makes an existing file owner-only (no-op when it does not exist). */
export function restrictFile(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o600);
}
