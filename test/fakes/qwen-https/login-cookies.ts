import { randomBytes } from 'node:crypto';

/** Cookies chat.qwen.ai keeps away from page scripts; the extension must still capture them. */
const httpOnlyNames = new Set(['token', 'acw_tc', 'ssxmod_itna', 'ssxmod_itna2', 'isg']);

/** `name=value; …` → pairs; values may contain `=`. */
export function cookiePairs(cookieString: string): [string, string][] {
  return cookieString
    .split(/;\s*/)
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
}

/** A `Set-Cookie` value for the whole `.qwen.ai` site, as Qwen and its WAF set them. */
export function setCookieHeader(name: string, value: string, options: { expire?: boolean } = {}): string {
  const attributes = ['Domain=.qwen.ai', 'Path=/', 'Secure', 'SameSite=Lax', options.expire ? 'Max-Age=0' : 'Max-Age=86400'];
  if (httpOnlyNames.has(name)) attributes.push('HttpOnly');
  return [`${name}=${value}`, ...attributes].join('; ');
}

/** A fresh WAF cookie value, shaped like the ones Alibaba's WAF hands out. */
export function newWafValue(): string {
  return randomBytes(30).toString('hex');
}
