/**
 * One chat.qwen.ai browser session, as the user pasted it. Passed per call because one client
 * serves a whole pool of accounts.
 */
export interface QwenCredentials {
  /** The JWT of the `token` cookie; may be empty when it only sits inside `cookies`. */
  token: string;
  /** The whole `.qwen.ai` cookie jar (`name=value; …`): the anti-bot cookies matter. */
  cookies: string;
  /** Anti-bot fingerprint headers captured from the browser, sent when present. */
  bxUa?: string;
  bxUmidtoken?: string;
  bxV?: string;
  /** The User-Agent of the browser the cookies came from; the WAF ties cookies to it. */
  userAgent?: string;
}

export interface QwenCookie {
  name: string;
  value: string;
}

const tokenCookieName = 'token';

/**
 * When the JWT expires, in epoch milliseconds, or undefined when the token carries no readable
 * `exp` (not a JWT, corrupted, or an opaque token): callers then learn expiry from a 401.
 */
export function decodeTokenExpiry(token: string): number | undefined {
  const payloadPart = stripBearer(token).split('.')[1];
  if (!payloadPart) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { exp } = payload as { exp?: unknown };
    const expiry = typeof exp === 'number' ? exp : typeof exp === 'string' && exp.trim() !== '' ? Number(exp) : NaN;
    return Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cookies in the order given. Accepts what users actually paste: a `Cookie:` header line with or
 * without its name, pairs separated by `;` or new lines, or a browser-extension JSON export
 * (`[{"name","value",…}]`). Entries without `=` are dropped; values keep any `=` they contain.
 */
export function parseCookieString(cookies: string): QwenCookie[] {
  const text = cookies.trim();
  if (text.startsWith('[')) {
    const exported = parseCookieExport(text);
    if (exported) return exported;
  }
  return text
    .replace(/^cookie:\s*/i, '')
    .split(/[;\r\n]+/)
    .map((entry) => entry.trim())
    .flatMap((entry) => {
      const separator = entry.indexOf('=');
      if (separator <= 0) return [];
      return [{ name: entry.slice(0, separator).trim(), value: entry.slice(separator + 1).trim() }];
    });
}

/** The `token` cookie's value, for users who pasted only the cookie jar. */
export function tokenFromCookies(cookies: string): string | undefined {
  const value = parseCookieString(cookies).find((cookie) => cookie.name === tokenCookieName)?.value;
  return value ? value : undefined;
}

/** The JWT to send: the explicit token, else the one inside the cookie jar. */
export function effectiveToken(credentials: Pick<QwenCredentials, 'token' | 'cookies'>): string | undefined {
  const explicit = stripBearer(credentials.token ?? '');
  return explicit || tokenFromCookies(credentials.cookies ?? '');
}

/**
 * The `Cookie` header: the whole jar as given, with exactly one `token=<jwt>` holding the current
 * token. A stale token cookie is replaced in place (the server reads the cookie and the
 * `Authorization` header, and they must agree); a missing one is appended.
 */
export function cookieHeaderFor(credentials: Pick<QwenCredentials, 'token' | 'cookies'>): string {
  const token = effectiveToken(credentials);
  const cookies = parseCookieString(credentials.cookies ?? '');
  const result: QwenCookie[] = [];
  let tokenPlaced = false;
  for (const cookie of cookies) {
    if (cookie.name !== tokenCookieName) {
      result.push(cookie);
    } else if (!tokenPlaced && token) {
      result.push({ name: tokenCookieName, value: token });
      tokenPlaced = true;
    }
  }
  if (!tokenPlaced && token) result.push({ name: tokenCookieName, value: token });
  return result.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

function stripBearer(token: string): string {
  return token.trim().replace(/^bearer\s+/i, '');
}

function parseCookieExport(text: string): QwenCookie[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    return parsed.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { name, value } = item as { name?: unknown; value?: unknown };
      return typeof name === 'string' && name && typeof value === 'string' ? [{ name, value }] : [];
    });
  } catch {
    return undefined;
  }
}
