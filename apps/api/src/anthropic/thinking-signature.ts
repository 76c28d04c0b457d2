import { createHash } from 'node:crypto';

/**
 * Anthropic clients require a `signature` on every thinking block and send it back with the
 * block. Qwen has no such thing; a digest of the thinking keeps the field well-formed and stable.
 * The gateway never checks it: thinking is dropped from the history it forwards.
 */
export function thinkingSignatureOf(thinking: string): string {
  return createHash('sha256').update(`qwen-proxy:${thinking}`).digest('base64');
}
