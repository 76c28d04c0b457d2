import type { StoredCookie } from '../ports/electron-ports';

/** Whether a cookie belongs to `domain` or one of its subdomains (`.qwen.ai`, `chat.qwen.ai`). */
export function isCookieOfDomain(cookie: StoredCookie, domain: string): boolean {
  const cookieDomain = (cookie.domain ?? '').replace(/^\./, '').toLowerCase();
  return cookieDomain === domain || cookieDomain.endsWith(`.${domain}`);
}

/** The cookies as a `Cookie` header: the whole jar matters, Qwen's firewall rejects the token alone. */
export function toCookieString(cookies: readonly StoredCookie[]): string {
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** The login token: chat.qwen.ai keeps its JWT in the `token` cookie once someone is logged in. */
export function loginTokenOf(cookies: readonly StoredCookie[]): string | undefined {
  return cookies.find((cookie) => cookie.name === 'token' && cookie.value.trim() !== '')?.value.trim();
}
