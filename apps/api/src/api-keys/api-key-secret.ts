import { createHash, randomBytes } from 'node:crypto';

const keyPrefix = 'sk-qp-';
/** Enough of a key to tell it apart in a list, not enough to guess the rest. */
const displayLength = keyPrefix.length + 6;

export interface NewApiKeySecret {
  /** The key itself: returned once, never stored. */
  key: string;
  hash: string;
  displayPrefix: string;
}

/** A new key: `sk-qp-` and 32 random bytes in base64url. */
export function generateApiKeySecret(): NewApiKeySecret {
  const key = `${keyPrefix}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, displayLength) };
}

/**
 * SHA-256, unsalted: the key holds 256 random bits, so no dictionary or rainbow table reaches
 * it, and an unsalted hash can be looked up directly on every request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
