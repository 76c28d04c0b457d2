/** The `id` claim of a Qwen JWT (the user), or undefined for an unreadable token. */
export function accountIdOf(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const id = typeof claims === 'object' && claims !== null ? (claims as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Enough of a secret to tell two apart, never enough to use: `eyJh…9Q (412 chars)`. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return `${'•'.repeat(4)} (${secret.length} chars)`;
  return `${secret.slice(0, 4)}…${secret.slice(-2)} (${secret.length} chars)`;
}
