import { createHash, randomBytes } from 'node:crypto';

/** The prefix tells a leaked extension token apart from the admin token or an API key at a glance. */
const tokenPrefix = 'qpx_ext_';

export function newExtensionToken(): string {
  return tokenPrefix + randomBytes(32).toString('base64url');
}

/**
 * Tokens are 256 random bits, so a plain SHA-256 is enough to store them: there is no low-entropy
 * password to protect with a slow hash, and lookups by hash stay one indexed query.
 */
export function hashExtensionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeExtensionToken(token: string): boolean {
  return token.startsWith(tokenPrefix) && token.length > tokenPrefix.length + 20;
}
