import { parseCookieString, type QwenCredentials } from '../qwen-credentials';

/** Headers whose whole value is a secret. */
const secretHeaders = new Set(['authorization', 'bx-ua', 'bx-umidtoken', 'x-oss-security-token']);
/** JSON fields whose value is a secret, wherever they appear in a body. */
const secretFields = ['token', 'refresh_token', 'access_key_secret', 'security_token', 'access_key_id'];

/** `abcd…yz (412 chars)`: enough to tell two apart, never enough to use. */
export function maskValue(value: string): string {
  if (value.length <= 8) return `•••• (${value.length} chars)`;
  return `${value.slice(0, 3)}…${value.slice(-2)} (${value.length} chars)`;
}

/** The cookie header with every value masked; the names stay (they say what the jar holds). */
export function redactCookieHeader(header: string): string {
  return parseCookieString(header)
    .map((cookie) => `${cookie.name}=${maskValue(cookie.value)}`)
    .join('; ');
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') result[name] = redactCookieHeader(value);
    else if (lower === 'authorization') result[name] = `Bearer ${maskValue(value.replace(/^bearer\s+/i, ''))}`;
    else if (secretHeaders.has(lower)) result[name] = maskValue(value);
    else result[name] = value;
  }
  return result;
}

/**
 * Any text (a body, the start of an answer) with secret JSON fields masked and every secret of
 * the account replaced wherever it still appears: the token, each cookie value, bx-* headers.
 */
export function redactText(text: string, credentials?: QwenCredentials): string {
  let result = text;
  for (const field of secretFields) {
    result = result.replace(new RegExp(`("${field}"\\s*:\\s*")([^"]*)(")`, 'g'), (_match, before: string, value: string, after: string) => `${before}${maskValue(value)}${after}`);
  }
  for (const secret of secretsOf(credentials)) result = result.split(secret).join(maskValue(secret));
  return result;
}

/** Every value of the account that must never be printed, longest first (so parts do not leak). */
export function secretsOf(credentials?: QwenCredentials): string[] {
  if (!credentials) return [];
  const values = [credentials.token, credentials.bxUa, credentials.bxUmidtoken, ...parseCookieString(credentials.cookies).map((cookie) => cookie.value)];
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.length >= 6))].sort((a, b) => b.length - a.length);
}
