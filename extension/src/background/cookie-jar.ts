/** The fields of a browser cookie this extension reads (a subset of chrome.cookies.Cookie). */
export interface BrowserCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly?: boolean;
}

/** The host whose requests the proxy imitates: the cookie jar is the one the browser sends there. */
export const qwenHost = 'chat.qwen.ai';

/** Does the browser send this cookie to `host` (domain rules only; every Qwen API path is under `/`)? */
export function appliesToHost(cookie: BrowserCookie, host: string): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  if (cookie.hostOnly) return domain === host;
  return host === domain || host.endsWith(`.${domain}`);
}

/** Is this cookie (from chrome.cookies.onChanged, for any site) one of Qwen's? */
export function isQwenCookie(cookie: Pick<BrowserCookie, 'domain'>): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  return domain === 'qwen.ai' || domain.endsWith('.qwen.ai');
}

/**
 * The `Cookie` header a browser would send to `host`: applicable cookies, the most specific
 * first (longer path, then host-only, then the longer domain) as browsers order them, and one
 * value per name so the proxy never sees two tokens.
 */
export function serializeCookies(cookies: readonly BrowserCookie[], host: string = qwenHost): string {
  const specificity = (cookie: BrowserCookie) => [cookie.path.length, cookie.hostOnly ? 1 : 0, cookie.domain.replace(/^\./, '').length];
  const ordered = cookies
    .filter((cookie) => appliesToHost(cookie, host) && cookie.name.length > 0)
    .map((cookie, index) => ({ cookie, index }))
    .sort((left, right) => {
      const [a, b] = [specificity(left.cookie), specificity(right.cookie)];
      return b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || left.index - right.index;
    });
  const seen = new Set<string>();
  const pairs: string[] = [];
  for (const { cookie } of ordered) {
    if (seen.has(cookie.name)) continue;
    seen.add(cookie.name);
    pairs.push(`${cookie.name}=${cookie.value}`);
  }
  return pairs.join('; ');
}

/** The value of the `token` cookie the browser would send to `host`. */
export function tokenCookieOf(cookies: readonly BrowserCookie[], host: string = qwenHost): string | undefined {
  const serialized = serializeCookies(cookies.filter((cookie) => cookie.name === 'token'), host);
  return serialized ? serialized.slice('token='.length) || undefined : undefined;
}
