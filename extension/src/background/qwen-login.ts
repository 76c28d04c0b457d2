/** Whether the browser holds a usable Qwen session, judged from the token alone (no request to Qwen). */
export interface QwenLogin {
  loggedIn: boolean;
  token: string | null;
  /** Epoch milliseconds, when the token says. */
  expiresAt: number | null;
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  return decodeURIComponent(
    Array.from(atob(base64), (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
}

/** Is this a JWT-shaped value? The page's localStorage holds all sorts of things. */
export function looksLikeJwt(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

/** The `exp` claim in epoch milliseconds; undefined when the token does not say or cannot be read. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const claims = JSON.parse(decodeBase64Url(token.split('.')[1] ?? '')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cookie token wins over the page's localStorage one: the cookie is what Qwen's API checks
 * against the Authorization header, so a stale localStorage value must not override it.
 */
export function qwenLoginOf(input: { cookieToken?: string; pageToken?: string | null; now: number }): QwenLogin {
  const token = [input.cookieToken, input.pageToken].find(looksLikeJwt) ?? null;
  if (!token) return { loggedIn: false, token: null, expiresAt: null };
  const expiresAt = tokenExpiry(token) ?? null;
  return { loggedIn: expiresAt === null || expiresAt > input.now, token, expiresAt };
}

/** A localStorage value as the page stored it: plain, or JSON-quoted by some front-end versions. */
export function pageTokenOf(stored: string | null): string | null {
  if (!stored) return null;
  const unquoted = stored.startsWith('"') ? (JSON.parse(stored) as unknown) : stored;
  return typeof unquoted === 'string' && looksLikeJwt(unquoted) ? unquoted : null;
}
